//go:build unix

package tablecache

import (
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"time"

	tierplan "github.com/tierplan/tierplan"
)

// A named pipe where the copy should be never makes a load wait for a
// writer: the table is parsed, and a good copy takes the pipe's place.
func TestNamedPipeNeverHangs(t *testing.T) {
	withProgram(t, "build 1")
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	want := parsed(t, embedded)
	done := make(chan error, 1)
	go func() {
		got, err := Load(embedded, tierplan.DefaultTiers, dir)
		if err == nil && !reflect.DeepEqual(got, want) {
			err = os.ErrInvalid
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a load waited on a named pipe")
	}
	if fi, err := os.Lstat(path); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("the pipe was not replaced by a copy: %v %v", fi, err)
	}
}
