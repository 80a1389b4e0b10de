package root

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// rawUnsafe finds the first thing in s that a terminal would act on: a
// control character other than a line break, DEL, a C1 control, a bidi
// control, a line or paragraph separator, or invalid UTF-8.
func rawUnsafe(s string) (int, bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1,
			r < 0x20 && r != '\n', r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c,
			r == 0x2028, r == 0x2029:
			return i, true
		}
		i += size
	}
	return 0, false
}

// hostile is text from outside with everything a terminal acts on.
const hostile = "\x1b[2J\x1b]0;owned\x07\u009b31m\u202eevil\u2028\x7f"

// TestNothingFromOutsideReachesTheTerminalRaw: terminal escapes in a log's
// project path, session id and model, in a tier table's strings and in a
// workload file's names once reached the screen raw, so a file or a
// response could forge lines on it. Every command, every format, stdout and
// stderr.
func TestNothingFromOutsideReachesTheTerminalRaw(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "projects", "-home-x")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		t.Fatal(err)
	}
	js := `\u001b[2J\u001b]0;owned\u0007\u009b31m\u202eevil\u2028\u007f`
	line := `{"cwd":"/home/` + js + `","sessionId":"s` + js + `","type":"assistant","message":{"id":"msg_1","model":"claude-` + js + `","usage":{"input_tokens":6,"output_tokens":5}},"requestId":"req_1","timestamp":"2025-11-04T09:00:05.000Z"}` + "\n" +
		`{"cwd":"/home/` + js + `","sessionId":"s2","type":"assistant","message":{"id":"msg_2","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":6,"output_tokens":5}},"requestId":"req_2","timestamp":"2025-11-04T09:01:05.000Z"}` + "\n" +
		"not json " + hostile + "\n"
	if err := os.WriteFile(filepath.Join(logs, "a"+hostile+".jsonl"), []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	yamlEsc := `\e[2J\e]0;owned\a\u009b31m\u202eevil\L\x7f`
	table := string(tierplan.DefaultTiers)
	table = replaceValue(t, table, "title: ", `"Anthropic `+yamlEsc+`"`)
	table = replaceValue(t, table, "source: ", `"https://x/`+yamlEsc+`"`)
	table = replaceValue(t, table, "    reached: ", `"automatic `+yamlEsc+`"`)
	tiersFile := filepath.Join(dir, "tiers.yaml")
	if err := os.WriteFile(tiersFile, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	// The runs below must read the table, or its strings reach nothing.
	if r := cmdtest.Run(t, Main, nil, "", "tiers", "validate", tiersFile); r.Code != 0 {
		t.Fatalf("the hostile tier table does not load: %s", r.Stderr)
	}
	workload := filepath.Join(dir, "w.yaml")
	if err := os.WriteFile(workload, []byte("workloads:\n  - name: \"team "+yamlEsc+"\"\n    sessions: 4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badWorkload := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badWorkload, []byte("\""+yamlEsc+"\": 5\nmodel: \"son"+yamlEsc+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runs := [][]string{
		{"usage", dir, "--tz", "UTC", "--by", "day,session,project,model,block,minute"},
		{"usage", dir, "--tz", "UTC", "--shape"},
		{"plan", "--from-logs=" + dir, "--logs-tz", "UTC"},
		{"tiers", "list", "--tiers", tiersFile},
		{"tiers", "show", "start", "--tiers", tiersFile},
		{"tiers", "show", "pro", "--tiers", tiersFile},
		{"tiers", "validate", tiersFile},
		{"tiers", "diff", "default", tiersFile},
		{"tiers", "path", "--tiers", tiersFile},
		{"plan", "-f", workload, "--tiers", tiersFile},
		{"cost", "-f", workload, "--tiers", tiersFile},
		{"simulate", "-f", workload, "--tier", "start", "--tiers", tiersFile},
		{"plan", "-f", badWorkload},
		{"plan", "--model", "son" + hostile},
		{"usage", dir, "--tz", "UTC", "--chart=always"},
		{"plan", "--from-logs=" + dir, "--logs-tz", "UTC", "--chart=always"},
		{"plan", "-f", workload, "--tiers", tiersFile, "--chart=always"},
		{"cost", "-f", workload, "--tiers", tiersFile, "--chart=always"},
		{"report", "-f", workload, "--tiers", tiersFile},
		{"report", "--from-logs=" + dir, "--tz", "UTC"},
	}
	for _, args := range runs {
		for _, format := range []string{"table", "json", "yaml", "csv", "markdown"} {
			all := append(append([]string{}, args...), "-o", format)
			r := cmdtest.Run(t, Main, map[string]string{"XDG_CACHE_HOME": t.TempDir()}, "", all...)
			if strings.Contains(r.Stderr, "panic") {
				t.Fatalf("%v: %s", all, r.Stderr)
			}
			for stream, s := range map[string]string{"stdout": r.Stdout, "stderr": r.Stderr} {
				if i, bad := rawUnsafe(s); bad {
					t.Errorf("tierplan %s: %s holds a raw %q at byte %d: …%q…", strings.Join(all, " "), stream, s[i:min(i+4, len(s))], i, s[max(0, i-40):min(len(s), i+20)])
				}
			}
		}
	}
}

// replaceValue is table with the value of the first line that starts with
// key replaced by value, whatever it was.
func replaceValue(t *testing.T, table, key, value string) string {
	t.Helper()
	at := strings.Index(table, "\n"+key)
	if at < 0 {
		t.Fatalf("no line %q in the tier table", key)
	}
	start := at + 1 + len(key)
	end := start + strings.IndexByte(table[start:], '\n')
	return table[:start] + value + table[end:]
}
