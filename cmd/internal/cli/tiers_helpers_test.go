package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exampleDir holds the example tables, seen from this package.
const exampleDir = "../../../tiers/examples/"

// The tiers tests use the package's fixed clock, testNow (2026-11-28): 42
// days after the default table's as_of (2026-10-17), 219 days after the
// April 2026 example's.

// tiersRun is one in-process run of tierplan.
type tiersRun struct {
	code           int
	stdout, stderr string
}

// runTierplan runs tierplan with args, an environment of only env (plus an
// empty XDG config dir, so a developer's own tiers.yaml never leaks in),
// stdin as given and the fixed clock.
func runTierplan(t *testing.T, env map[string]string, stdin string, args ...string) tiersRun {
	t.Helper()
	vars := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	for k, v := range env {
		vars[k] = v
	}
	var out, errb bytes.Buffer
	code := Main(args, Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string { return vars[k] },
		Now:    func() time.Time { return testNow },
	})
	return tiersRun{code, scrub(out.String()), scrub(errb.String())}
}

// scrub makes output independent of where the repository sits.
func scrub(s string) string {
	return strings.ReplaceAll(s, exampleDir, "tiers/examples/")
}

func writeFile(t *testing.T, path string, data []byte, perm os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil { // WriteFile keeps an existing file's mode
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
