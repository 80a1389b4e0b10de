//go:build unix

package discover

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A transcript opened as a bare descriptor reads, reads at offsets, seeks
// and closes as an *os.File does, with errors naming the file.
func TestOpenFileReadsLikeAnOSFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.jsonl")
	if err := os.WriteFile(p, []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, err := openFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f := rc.(*rawFile)
	if b, err := io.ReadAll(f); err != nil || string(b) != "0123456789" {
		t.Fatalf("ReadAll: %q %v", b, err)
	}
	buf := make([]byte, 4)
	if n, err := f.ReadAt(buf, 3); n != 4 || err != nil || string(buf) != "3456" {
		t.Errorf("ReadAt(3): %d %v %q", n, err, buf)
	}
	if n, err := f.ReadAt(buf, 8); n != 2 || err != io.EOF || string(buf[:2]) != "89" {
		t.Errorf("ReadAt(8) past the end: %d %v, want 2 and io.EOF", n, err)
	}
	if at, err := f.Seek(7, io.SeekStart); at != 7 || err != nil {
		t.Errorf("Seek: %d %v", at, err)
	}
	if b, _ := io.ReadAll(f); string(b) != "789" {
		t.Errorf("after Seek: %q", b)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var pe *fs.PathError
	if err := f.Close(); !errors.As(err, &pe) || pe.Path != p {
		t.Errorf("second Close: %v", err)
	}
	if _, err := openFile(p + ".missing"); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), p+".missing") {
		t.Errorf("missing file: %v", err)
	}
}

// A named pipe in a transcript's place reads as empty, with or without a
// writer, rather than waiting.
func TestOpenFilePipeReadsAsEmpty(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.jsonl")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	rc, err := openFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if b, err := io.ReadAll(rc); err != nil || len(b) != 0 {
		t.Errorf("no writer: %q %v", b, err)
	}
	w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if b, err := io.ReadAll(rc); err != nil || len(b) != 0 {
		t.Errorf("a writer that writes nothing: %q %v", b, err)
	}
}
