package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A log's trouble is warned of with its path and words escaped: a file
// name holding an escape sequence reaches the terminal as text.
func TestReportLogWarningIsEscaped(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(fixtureLogs, "projects", "-home-dev-api-server", "5e55a1b2-0000-4000-8000-000000000001.jsonl")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	project := filepath.Join(dir, "projects", "-home-dev-api-server")
	if err := os.MkdirAll(project, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(project, "a.jsonl"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(project, "b\x1b]0;pwned\a.jsonl")
	if err := os.WriteFile(bad, []byte("{not json\n"), 0o644); err != nil {
		t.Skipf("this file system refuses control characters in names: %v", err)
	}
	r := run(t, "--tiers", fixtureTiers, "report", "--from-logs="+dir, "--tz", "UTC", "--plan", "max")
	if r.Code != 0 {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
	if !strings.Contains(r.Stderr, `b\x1b]0;pwned\x07.jsonl: `) || strings.ContainsAny(r.Stderr, "\x1b\a") {
		t.Errorf("the warning must name the file with its controls escaped:\n%q", r.Stderr)
	}
}
