// Package cmdtest holds what the command packages' tests share: a hermetic
// environment with a fixed clock, an in-process run of tierplan, and golden
// files with an -update flag. Only tests import it.
package cmdtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/internal/testflag"
	"github.com/tierplan/tierplan/tiers"
)

// update rewrites golden files: go test ./... -update
var update = testflag.Update

// Now is the fixed clock of CLI tests (the embedded table is not stale on
// this day; the April 2026 example is).
var Now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// Result is one in-process run of tierplan.
type Result struct {
	Code           int
	Stdout, Stderr string
}

// Main is the program under test: root.Main. Command packages pass it in,
// since this package cannot import root (root imports them).
type Main func(args []string, env cmdutil.Env) int

// Env is an environment of only vars (plus empty XDG config, cache and
// state dirs, so a developer's own tiers.yaml never leaks in and no test
// writes the developer's cache or kept edits), stdin as given, buffers for
// the output and the fixed clock Now.
func Env(t testing.TB, vars map[string]string, stdin string) (env cmdutil.Env, stdout, stderr *bytes.Buffer) {
	t.Helper()
	all := map[string]string{"XDG_CONFIG_HOME": t.TempDir(), "XDG_CACHE_HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir()}
	for k, v := range vars {
		all[k] = v
	}
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	return cmdutil.Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: stdout, Stderr: stderr,
		Getenv: func(k string) string { return all[k] },
		Now:    func() time.Time { return Now },
	}, stdout, stderr
}

// Scrub replaces old with new in the output, so it does not depend on where
// the test runs from (say, the example tables' directory as a test package
// sees it, written as from the repository root).
func (r Result) Scrub(old, new string) Result {
	r.Stdout = strings.ReplaceAll(r.Stdout, old, new)
	r.Stderr = strings.ReplaceAll(r.Stderr, old, new)
	return r
}

// Run runs main with args in Env(t, vars, stdin).
func Run(t testing.TB, main Main, vars map[string]string, stdin string, args ...string) Result {
	t.Helper()
	env, out, errb := Env(t, vars, stdin)
	code := main(args, env)
	return Result{code, out.String(), errb.String()}
}

// RunExact runs main with args in an environment of exactly vars (no config
// dir added; a cache dir of its own unless vars names one, so a test never
// writes the user's), no stdin, the clock at now, and stderr a terminal or
// not.
func RunExact(t testing.TB, main Main, vars map[string]string, now time.Time, terminal bool, args ...string) Result {
	t.Helper()
	var out, errb bytes.Buffer
	cache := t.TempDir()
	code := main(args, cmdutil.Env{
		Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if v, ok := vars[k]; ok || k != "XDG_CACHE_HOME" {
				return v
			}
			return cache
		},
		Now:              func() time.Time { return now },
		StderrIsTerminal: terminal,
	})
	return Result{code, out.String(), errb.String()}
}

// LogsNow is the clock of tests on the usage package's fixture logs: the
// day after their last line.
var LogsNow = time.Date(2025, 11, 6, 12, 0, 0, 0, time.UTC)

// Golden compares got with testdata/golden/name, or rewrites it with -update.
func Golden(t testing.TB, name, got string) {
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

// GoldenRun is one command line whose stdout a golden file pins.
type GoldenRun struct {
	// Name is the golden file, under testdata/golden.
	Name string
	Args []string
	// Code is the exit code expected.
	Code int
}

// CheckGolden runs every case with run, as a subtest named after its
// golden file: the exit code must be the one expected, stderr must hold no
// panic, and stdout must match the golden file.
func CheckGolden(t *testing.T, run func(t *testing.T, args ...string) Result, cases []GoldenRun) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			r := run(t, c.Args...)
			if r.Code != c.Code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.Code, c.Code, r.Stderr)
			}
			if strings.Contains(r.Stderr, "panic") {
				t.Fatalf("stderr: %s", r.Stderr)
			}
			Golden(t, c.Name, r.Stdout)
		})
	}
}

// WriteFile writes data to path with mode perm, creating directories, and
// sets perm even on an existing file (os.WriteFile keeps its mode).
func WriteFile(t testing.TB, path string, data []byte, perm os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}

// ReadFile is the content of path; a failure fails the test.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// App is an App for running a command's run function directly: buffers for
// the output, the fixed clock Now, no environment, output format f, and the
// tier table t already loaded (when not nil).
func App(t *tiers.Table, f render.Format) (app *cmdutil.App, stdout, stderr *bytes.Buffer) {
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	app = cmdutil.NewApp(cmdutil.Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr,
		Now: func() time.Time { return Now }})
	app.Output = f
	if t != nil {
		app.SetTable(t)
	}
	return app, stdout, stderr
}
