package diagnose_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/tiers"
)

// runWithEnvTable runs the CLI as Main does, but with the tier table already
// loaded, so output does not depend on the embedded table.
func runWithEnvTable(env cmdutil.Env, table *tiers.Table, args ...string) int {
	return cmdtest.WithTable(root.Run, env, table, args...)
}

// exampleTable is the April 2026 Tier 1–4 table shipped as an example.
const exampleTable = "../../../tiers/examples/anthropic-2026-04.yaml"

// runCLI runs tierplan in-process in a hermetic environment.
func runCLI(t *testing.T, env map[string]string, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.Run(t, root.Main, env, "", args...)
}

// pasteDir holds the paste fixtures, one per form and per verdict, shared
// with package diagnose's tests and the README's examples.
const pasteDir = "../../../planner/diagnose/testdata/pastes"

func fixture(name string) string { return filepath.Join(pasteDir, name) }

// TestDiagnoseGolden covers what the per-fixture goldens do not: stdin,
// flags alone, flags over a piped response.
func TestDiagnoseGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
		// stdin, when set, is fed instead of a file argument.
		stdin string
	}{
		{"headers-json-stdin.txt", []string{"diagnose", "-"}, readFixture(t, "json-headers-otpm.txt")},
		{"flags-only.json", []string{"diagnose", "--status", "429", "--now", "2026-04-14T10:00:00Z",
			"-H", "retry-after: 20", "-H", "anthropic-ratelimit-output-tokens-limit: 8000",
			"-H", "anthropic-ratelimit-output-tokens-remaining: 0", "-H", "anthropic-ratelimit-output-tokens-reset: 2026-04-14T10:00:20Z",
			"-o", "json"}, ""},
		{"piped-stdin-with-status-override.txt", []string{"diagnose", "--status", "529"}, "HTTP/2 429\ndate: Tue, 14 Apr 2026 10:00:00 GMT\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, out, errb := cmdtest.DiagnoseEnv(t, tc.stdin, nil)
			if code := runWithEnvTable(env, cmdtest.DiagnoseTable(), tc.args...); code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errb.String())
			}
			if errb.Len() != 0 {
				t.Errorf("stderr %q", errb.String())
			}
			cmdtest.Golden(t, tc.name, out.String())
		})
	}
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(fixture(name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDiagnoseErrors(t *testing.T) {
	garbage := filepath.Join(t.TempDir(), "garbage.txt")
	if err := os.WriteFile(garbage, []byte("hello\nworld\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badStatus := filepath.Join(t.TempDir(), "bad-status.txt")
	if err := os.WriteFile(badStatus, []byte("\nHTTP/1.1 4x9 Nope\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
		want  string
	}{
		{"missing file", []string{"diagnose", "no-such-file.http"}, "", cmdutil.ExitError, "tierplan: no-such-file.http: no such file or directory"},
		{"garbage file", []string{"diagnose", garbage}, "", cmdutil.ExitError, garbage + ":1: not a response tierplan can read: expected an HTTP response (curl -i)"},
		{"bad --tz", []string{"diagnose", "--status", "429", "--tz", "Mars/Base"}, "", cmdutil.ExitUsage, `--tz "Mars/Base": unknown time zone`},
		{"a JSON object that is neither", []string{"diagnose", "-"}, `{"hello": "world"}`, cmdutil.ExitError, "stdin:1: a JSON object, but neither an API error body nor response headers"},
		{"bad status line", []string{"diagnose", badStatus}, "", cmdutil.ExitError, badStatus + ":2: malformed status line"},
		{"empty stdin", []string{"diagnose", "-"}, "", cmdutil.ExitError, "tierplan: stdin: empty input"},
		{"bad --now", []string{"diagnose", "--status", "429", "--now", "yesterday"}, "", cmdutil.ExitUsage, `--now "yesterday": expected an RFC 3339 time`},
		{"bad --header", []string{"diagnose", "-H", "retry-after 3"}, "", cmdutil.ExitUsage, `header "retry-after 3": expected "name: value"`},
		{"bad --status", []string{"diagnose", "--status", "42"}, "", cmdutil.ExitUsage, "tierplan: --status 42: an HTTP status code is 100-599\n"},
		{"--status 1000", []string{"diagnose", "--status", "1000"}, "", cmdutil.ExitUsage, "tierplan: --status 1000: an HTTP status code is 100-599\n"},
		// Zero is not "no status": it is refused before stdin is read.
		{"--status 0", []string{"diagnose", "--status", "0"}, "HTTP/2 429\n\n", cmdutil.ExitUsage, "tierplan: --status 0: an HTTP status code is 100-599\n"},
		{"--status abc", []string{"diagnose", "--status", "abc"}, "", cmdutil.ExitUsage, "tierplan: --status \"abc\": expected an HTTP status code such as 429\n"},
		{"--status empty", []string{"diagnose", "--status", ""}, "", cmdutil.ExitUsage, "tierplan: --status \"\": expected an HTTP status code"},
		{"FILE and flags", []string{"diagnose", fixture("http-overloaded.txt"), "--status", "429", "-H", "retry-after: 3"}, "", cmdutil.ExitUsage,
			"tierplan: give a FILE or --status/--header, not both: the flags would replace parts of " + fixture("http-overloaded.txt") + "\n\nUsage:"},
		{"FILE and a header", []string{"diagnose", fixture("http-overloaded.txt"), "-H", "retry-after: 3"}, "", cmdutil.ExitUsage,
			"give a FILE or --status/--header, not both"},
		{"two files", []string{"diagnose", "a", "b"}, "", cmdutil.ExitUsage, "accepts at most 1 arg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, _, errb := cmdtest.DiagnoseEnv(t, tc.stdin, nil)
			code := root.Main(tc.args, env)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, errb.String())
			}
			if !strings.Contains(errb.String(), tc.want) {
				t.Fatalf("stderr %q lacks %q", errb.String(), tc.want)
			}
			if strings.Contains(errb.String(), "goroutine") || strings.Contains(errb.String(), "panic") {
				t.Fatalf("stack trace on stderr: %q", errb.String())
			}
		})
	}
}

func TestDiagnoseNothingToRead(t *testing.T) {
	// No file, no flags, and no stdin at all: a usage error, not a hang.
	env, _, errb := cmdtest.DiagnoseEnv(t, "", nil)
	env.Stdin = nil
	if code := root.Main([]string{"diagnose"}, env); code != cmdutil.ExitUsage || !strings.Contains(errb.String(), "nothing to diagnose") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func TestDiagnoseTiersFlagMustLoad(t *testing.T) {
	// A table the user names must load; the diagnosis does not quietly
	// drop its tier advice.
	env, _, errb := cmdtest.DiagnoseEnv(t, "", nil)
	code := root.Main([]string{"diagnose", "--tiers", filepath.Join(t.TempDir(), "absent.yaml"), fixture("http-ok.txt")}, env)
	if code != cmdutil.ExitError || !strings.Contains(errb.String(), "absent.yaml") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

// TestDiagnoseWithExampleTable reads the April 2026 Tier 1–4 table from
// YAML: the Tier 1 Sonnet limits in the headers are consistent with tier-1,
// and tier-2 lifts the ITPM limit and the monthly cap.
func TestDiagnoseWithExampleTable(t *testing.T) {
	tests := []struct{ fixture, want string }{
		{"http-rate-limit-itpm.txt", "consistent with tier-1 (pool opus-4, sonnet-4); tier-2 lifts this limit to 450,000 ITPM"},
		{"http-spend-cap.txt", "tier-2 lifts the monthly spend cap to $500.00 a month"},
	}
	for _, tc := range tests {
		r := runCLI(t, nil, "diagnose", "--tiers", exampleTable, fixture(tc.fixture))
		if r.Code != cmdutil.ExitOK || !strings.Contains(r.Stdout, tc.want) {
			t.Errorf("%s: exit %d, stdout lacks %q:\n%s\nstderr: %s", tc.fixture, r.Code, tc.want, r.Stdout, r.Stderr)
		}
	}
}

// TestDiagnoseJSONContract checks the fields scripts rely on, with their
// JSON types, for a rate limit and for a response that is not one (whose
// limit is null).
func TestDiagnoseJSONContract(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		limit   any
	}{{"http-rate-limit-itpm.txt", "itpm"}, {"http-overloaded.txt", nil}, {"http-subscription-5h.txt", "window_5h"}} {
		env, out, errb := cmdtest.DiagnoseEnv(t, "", nil)
		if code := runWithEnvTable(env, cmdtest.DiagnoseTable(), "diagnose", fixture(tc.fixture), "-o", "json"); code != cmdutil.ExitOK {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		var got map[string]any
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got["schema_version"] != 2.0 || got["limit"] != tc.limit {
			t.Errorf("%s: schema_version %v, limit %v", tc.fixture, got["schema_version"], got["limit"])
		}
		for key, kind := range map[string]string{"status": "number", "kind": "string", "retry_after_s": "number",
			"advice": "array", "buckets": "array", "missing": "array", "notes": "array", "verdict": "string",
			"form": "string", "resume_at": "string", "retryable": "bool"} {
			if jsonKind(got[key]) != kind {
				t.Errorf("%s: %s is %T, want a JSON %s", tc.fixture, key, got[key], kind)
			}
		}
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case bool:
		return "bool"
	}
	return fmt.Sprintf("%T", v)
}

// TestDiagnoseStdinWithFlags: flags may still complete and correct a
// response piped on stdin (given or as -), and each value they replace is
// named in the notes rather than dropped unsaid.
func TestDiagnoseStdinWithFlags(t *testing.T) {
	const piped = "HTTP/1.1 529 \ndate: Tue, 14 Apr 2026 10:00:00 GMT\nretry-after: 9\n\n"
	for _, args := range [][]string{
		{"diagnose", "-", "--status", "429", "-H", "retry-after: 3", "-o", "json"},
		{"diagnose", "--status", "429", "-H", "retry-after: 3", "-o", "json"},
	} {
		env, out, errb := cmdtest.DiagnoseEnv(t, piped, nil)
		if code := runWithEnvTable(env, cmdtest.DiagnoseTable(), args...); code != cmdutil.ExitOK {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errb.String())
		}
		var rep struct {
			Source string   `json:"source"`
			Status int      `json:"status"`
			Notes  []string `json:"notes"`
		}
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		joined := strings.Join(rep.Notes, "\n")
		if rep.Source != "stdin" || rep.Status != 429 ||
			!strings.Contains(joined, "status 429 given replaces the input's 529") ||
			!strings.Contains(joined, `header retry-after "3" given replaces the input's "9"`) {
			t.Errorf("%v: source %q, status %d, notes %q", args, rep.Source, rep.Status, rep.Notes)
		}
	}
}
