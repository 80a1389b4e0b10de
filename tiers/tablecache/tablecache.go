// Package tablecache keeps the last tier table parsed, decoded, in the
// user's cache directory. Every command loads the table, and the commands
// run most often (usage, the status line) are over in a few tens of
// milliseconds: parsing the embedded table's YAML takes some 5 ms and
// 2 MB of garbage, decoding the kept copy a tenth of that.
//
// The copy is keyed by everything the parse depends on: the table's text
// and source, and the program that parsed it (its path, device, inode,
// size and modification time, so a rebuilt or upgraded tierplan never
// reads what another build kept). A copy that does not match, is cut
// short or damaged (its checksum) is parsed again and replaced; a table
// with an error is never kept, so its error is reported every time. The
// file is replaced whole (written beside it, then renamed), so runs at
// once never read half of one.
package tablecache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cespare/xxhash/v2"

	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/tiers"
)

// FileName is the cache file's name in the cache directory.
const FileName = "tiers.gob"

// magic starts the file; version changes with its layout (the gob stream
// describes the types it holds, so a field added to the table needs no
// new version: the key's program identity changes with any rebuild).
const (
	magic   = "tierplan tier table\n"
	version = 1
)

// maxFileBytes bounds what is read of the file: the embedded table's copy
// is about 90 KB, and a table file is at most tiers.MaxFileSize.
const maxFileBytes = 8 << 20

// headerLen is the header's length: the magic, the version byte, the key
// and the payload's checksum.
const headerLen = len(magic) + 1 + sha256.Size + 8

// Load is tiers.Load through the copy kept in dir (none when dir is "" or
// the program cannot be identified).
func Load(src tiers.Source, embedded []byte, dir string) (*tiers.Table, error) {
	data, err := src.Bytes(embedded)
	if err != nil {
		return nil, err
	}
	program := programIdentity()
	if dir == "" || program == "" {
		return src.Parse(data)
	}
	path := filepath.Join(dir, FileName)
	k := key(program, src, data)
	if t, ok := read(path, k); ok {
		return t, nil
	}
	t, err := src.Parse(data)
	if err == nil {
		write(path, k, t) // a cache that cannot be written costs speed only
	}
	return t, err
}

// programIdentity names this build of the program: its path and what a
// stat says of it. A variable, so tests can name another build.
var programIdentity = func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s\x00%d\x00%d\x00%s", exe, fi.Size(), fi.ModTime().UnixNano(), fileID(fi))
}

// key is what a kept copy must have been made from.
func key(program string, src tiers.Source, data []byte) [sha256.Size]byte {
	h := sha256.New()
	for _, s := range []string{program, src.Path, src.Reason} {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	h.Write(data)
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// read is the table kept at path when it was made for k.
func read(path string, k [sha256.Size]byte) (*tiers.Table, bool) {
	b, err := userfile.ReadFile(path, maxFileBytes)
	if err != nil {
		return nil, false
	}
	return decode(b, k)
}

// decode is the table in a cache file's bytes when they hold one for k,
// whole.
func decode(b []byte, k [sha256.Size]byte) (*tiers.Table, bool) {
	if len(b) < headerLen || string(b[:len(magic)]) != magic || b[len(magic)] != version {
		return nil, false
	}
	rest := b[len(magic)+1:]
	if !bytes.Equal(rest[:sha256.Size], k[:]) {
		return nil, false
	}
	sum, payload := binary.LittleEndian.Uint64(rest[sha256.Size:]), rest[sha256.Size+8:]
	if xxhash.Sum64(payload) != sum {
		return nil, false
	}
	var t tiers.Table
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(&t); err != nil {
		return nil, false
	}
	return &t, true
}

// encode is the cache file's bytes for t made for k.
func encode(t *tiers.Table, k [sha256.Size]byte) ([]byte, error) {
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(t); err != nil {
		return nil, err
	}
	b := make([]byte, 0, headerLen+payload.Len())
	b = append(b, magic...)
	b = append(b, version)
	b = append(b, k[:]...)
	b = binary.LittleEndian.AppendUint64(b, xxhash.Sum64(payload.Bytes()))
	return append(b, payload.Bytes()...), nil
}

// write replaces the file at path with t's copy, made for k, atomically.
func write(path string, k [sha256.Size]byte, t *tiers.Table) {
	b, err := encode(t, k)
	if err != nil || os.MkdirAll(filepath.Dir(path), 0o700) != nil {
		return
	}
	userfile.Replace(path, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}
