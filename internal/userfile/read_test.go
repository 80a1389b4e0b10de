package userfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadFileWithinAndPastTheLimit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "w.yaml")
	if err := os.WriteFile(p, []byte("sessions: 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(p, 12)
	if err != nil || string(got) != "sessions: 5\n" {
		t.Fatalf("ReadFile = %q, %v", got, err)
	}
	_, err = ReadFile(p, 11)
	var le *LimitError
	if !errors.As(err, &le) || le.Size != 12 || le.Max != 11 || le.Path != p || !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %#v", err)
	}
}

// TestReadOfDevZeroStopsAtTheLimit: -f /dev/zero once grew to gigabytes
// before a limit checked after the read.
func TestReadOfDevZeroStopsAtTheLimit(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := ReadFile("/dev/zero", 1<<20)
	var le *LimitError
	if !errors.As(err, &le) || le.Path != "/dev/zero" || le.Size != 0 {
		t.Errorf("err = %#v", err)
	}
}

// TestReadOfNamedPipeWithoutWriterDoesNotWait: a FIFO nobody writes to
// once blocked -f, --tiers and diagnose FILE forever.
func TestReadOfNamedPipeWithoutWriterDoesNotWait(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	mkfifo(t, p)
	_, err := ReadFile(p, 1<<20)
	if !errors.Is(err, ErrNothingWritten) || !strings.Contains(err.Error(), p) {
		t.Errorf("err = %v", err)
	}
}

func TestReadOfNamedPipeWithWriter(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	mkfifo(t, p)
	// A writer already connected, its bytes in the pipe: a reader held
	// open while the writer opens, then let go.
	hold, err := openNoWait(p)
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("tokens: 1M\n")); err != nil {
		t.Fatal(err)
	}
	hold.Close()
	go func() {
		time.Sleep(100 * time.Millisecond) // the reader waits for the writer's end
		w.Close()
	}()
	got, err := ReadFile(p, 1<<20)
	if err != nil || string(got) != "tokens: 1M\n" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestReadRefusesDirectory(t *testing.T) {
	_, err := ReadFile(t.TempDir(), 10)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("err = %v", err)
	}
}

// FuzzReadLimited checks the limited read against reading everything: the
// same bytes when they fit, a *LimitError when they do not, for any reader
// chunking.
func FuzzReadLimited(f *testing.F) {
	f.Add([]byte("schema_version: 1\n"), int64(18), uint8(3))
	f.Add([]byte(""), int64(0), uint8(1))
	f.Add(bytes.Repeat([]byte{0}, 100), int64(99), uint8(7))
	f.Fuzz(func(t *testing.T, data []byte, max int64, chunk uint8) {
		if max < 0 || max > 1<<16 {
			return
		}
		r := &chunkReader{data: data, n: int(chunk)%16 + 1}
		got, err := ReadLimited(r, max)
		if int64(len(data)) > max {
			var le *LimitError
			if !errors.As(err, &le) || le.Max != max {
				t.Fatalf("%d bytes, max %d: err = %v", len(data), max, err)
			}
			return
		}
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("got %q, %v; want %q", got, err, data)
		}
	})
}

// chunkReader gives its data n bytes at a time, as a pipe does.
type chunkReader struct {
	data []byte
	n    int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	k := min(c.n, len(p), len(c.data))
	copy(p, c.data[:k])
	c.data = c.data[k:]
	return k, nil
}
