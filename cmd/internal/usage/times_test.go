package usage_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTimesPastYear9998AreRefusedAsBadInput: a line stamped in the last
// hours of 9999 once made -o json and -o yaml fail with "year outside of
// range [0,9999]" (a block's end, five hours on, is in year 10000). Such a
// line is reported as unreadable and the report goes on.
func TestTimesPastYear9998AreRefusedAsBadInput(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "projects", "-x")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	lines := `{"cwd":"/x","sessionId":"s","type":"assistant","message":{"id":"msg_1","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":6,"output_tokens":5}},"requestId":"req_1","timestamp":"9999-12-31T23:59:05.000Z"}
{"cwd":"/x","sessionId":"s","type":"assistant","message":{"id":"msg_2","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":6,"output_tokens":5}},"requestId":"req_2","timestamp":"2025-11-04T09:00:05.000Z"}
`
	if err := os.WriteFile(filepath.Join(proj, "a.jsonl"), []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-o", "json"}, {"-o", "yaml"}, {"-o", "json", "--tz", "Pacific/Kiritimati"}, {"--shape", "-o", "json"}} {
		r := runUsageCmd(t, nil, false, append(args, dir)...)
		if r.Code != 0 || !strings.Contains(r.Stderr, `is past year 9998: not a time a log was written`) {
			t.Errorf("%v: exit %d, stderr %q", args, r.Code, r.Stderr)
		}
	}
}
