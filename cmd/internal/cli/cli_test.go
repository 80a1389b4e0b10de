package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// update rewrites golden files: go test ./cmd/... -update
var update = flag.Bool("update", false, "rewrite golden files")

// testNow is the fixed clock of CLI tests (the embedded table is not stale
// on this day; the April 2026 example is).
var testNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// exampleTable is the April 2026 Tier 1–4 table shipped as an example.
const exampleTable = "../../../tiers/examples/anthropic-2026-04.yaml"

// result is one in-process run of the CLI.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs tierplan with an empty environment (no $TIERPLAN_TIERS, an
// empty config dir) unless env adds variables.
func runCLI(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	vars := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	for k, v := range env {
		vars[k] = v
	}
	var out, errb bytes.Buffer
	code := Main(args, Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return vars[k] },
		Now:    func() time.Time { return testNow },
	})
	return result{code, out.String(), errb.String()}
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/... -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, diff)
	}
}
