package diagnose_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// hostile carries terminal escapes (clear screen, retitle the window, BEL),
// a one-byte C1 CSI and a bidi override in every field a response supplies.
const hostile = "HTTP/2 429\n" +
	"date: Tue, 14 Apr 2026 10:00:00 GMT\n" +
	"retry-after: \x1b[2J\n" +
	"request-id: req_\x1b]0;owned\x07\n" +
	"anthropic-ratelimit-requests-remaining: \u009b31m\n" +
	"anthropic-ratelimit-unified-status: rejected\u202e\n" +
	"anthropic-ratelimit-unified-representative-claim: five_hour\x1b[5m\n" +
	"anthropic-ratelimit-unified-5h-status: rejected\n" +
	"anthropic-ratelimit-unified-overage-disabled-reason: \x1b]8;;http://evil\x07link\n" +
	"\x1b[31mnot a header\n" +
	"\n" +
	`{"type":"error","error":{"type":"rate_\u001b[2J_error","message":"m\u001b]0;t\u0007\u202e","details":{"error_code":"c\u009b"}},"request_id":"req_\u001b[1m"}`

// TestDiagnoseEscapesEveryField: in every output format, nothing from the
// response reaches the terminal as a control character, and JSON and YAML
// still parse. The file name, from the command line, is escaped too.
func TestDiagnoseEscapesEveryField(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "paste\x1b[2J.txt")
	if err := os.WriteFile(path, []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"table", "json", "yaml", "csv", "markdown"} {
		env, out, errb := cmdtest.DiagnoseEnv(t, "", nil)
		if code := runWithEnvTable(env, cmdtest.DiagnoseTable(), "diagnose", path, "--now", "2026-04-14T10:00:05Z", "-o", format); code != 0 {
			t.Fatalf("-o %s: exit %d, %s", format, code, errb.String())
		}
		got := out.String()
		for _, r := range got {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u202e' {
				t.Fatalf("-o %s: raw %U in the output:\n%s", format, r, got)
			}
		}
		if format != "csv" && !strings.Contains(got, `\x1b`) {
			t.Errorf("-o %s: the escapes are not shown at all", format)
		}
		switch format {
		case "json":
			var v any
			if err := json.Unmarshal(out.Bytes(), &v); err != nil {
				t.Errorf("JSON does not parse: %v", err)
			}
		case "yaml":
			var v any
			if err := yaml.Unmarshal(out.Bytes(), &v); err != nil {
				t.Errorf("YAML does not parse: %v", err)
			}
		}
	}
}

// TestDiagnoseErrorEscapesTheFileName: an error line names the file as
// typed, escaped.
func TestDiagnoseErrorEscapesTheFileName(t *testing.T) {
	env, _, errb := cmdtest.DiagnoseEnv(t, "", nil)
	code := root.Main([]string{"diagnose", filepath.Join(t.TempDir(), "no\x1b[2Jfile")}, env)
	if code != cmdutil.ExitError || strings.Contains(errb.String(), "\x1b") || !strings.Contains(errb.String(), `no\x1b[2Jfile`) {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}
