package testflag

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importers are the imports that register -update: this package, or the
// command tests' helpers, which import it.
var importers = []string{
	`"github.com/tierplan/tierplan/internal/testflag"`,
	`"github.com/tierplan/tierplan/cmd/internal/cmdtest"`,
}

// TestEveryTestPackageTakesUpdate walks the module and checks that every
// directory with tests has a test file importing this package (or cmdtest),
// so `go test ./... -update` never stops at a package that does not know
// the flag.
func TestEveryTestPackageTakesUpdate(t *testing.T) {
	root := filepath.Join("..", "..")
	self := filepath.Join(root, "internal", "testflag")
	dirs := map[string]bool{} // directory → some test file registers -update
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		registers := dir == self // this package defines the flag
		for _, imp := range importers {
			registers = registers || strings.Contains(string(data), imp)
		}
		dirs[dir] = dirs[dir] || registers
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 20 {
		t.Fatalf("found only %d test packages; is the walk rooted at the module?", len(dirs))
	}
	for dir, ok := range dirs {
		if rel, err := filepath.Rel(root, dir); err == nil {
			dir = rel
		}
		if !ok {
			t.Errorf("%s: no test file imports internal/testflag (add `import _ \"github.com/tierplan/tierplan/internal/testflag\"`), so go test ./... -update fails there", dir)
		}
	}
}
