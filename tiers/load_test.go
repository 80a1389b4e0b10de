package tiers

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadRefusesHugeFile: a 100 MB file is refused from its size, before a
// byte of it is read (the file is sparse, so making it costs nothing).
func TestLoadRefusesHugeFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.yaml")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Load(Source{Path: p, Reason: "--tiers"}, nil)
	want := p + ": 100 MB is too large for a tier table (at most 256 KB); is this the right file?"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

func TestReadFileOfDeviceStopsAtTheLimit(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := ReadFile("/dev/zero")
	var pe *ParseError
	if !errors.As(err, &pe) || err.Error() != "/dev/zero: more than 256 KB: too large for a tier table; is this the right file?" {
		t.Fatalf("got %v", err)
	}
}

func TestLoadMissingAndDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(Source{Path: filepath.Join(dir, "nope.yaml")}, nil)
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	_, err = Load(Source{Path: dir}, nil)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

func TestParseRefusesOversizeBytes(t *testing.T) {
	_, err := Parse("big.yaml", make([]byte, MaxFileSize+1))
	if err == nil || err.Error() != "big.yaml: 257 KB is too large for a tier table (at most 256 KB); is this the right file?" {
		t.Fatalf("got %v", err)
	}
}
