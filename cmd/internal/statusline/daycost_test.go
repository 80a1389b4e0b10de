package statusline_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

func TestStatuslineDayCostFollowsNewSessions(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, logs, dir)
	e := newEnv(t)
	e.vars["CLAUDE_CONFIG_DIR"] = dir
	api := input(t, "api-key.json")
	// $0.355536 today: two calls (a reply written twice counts once).
	if r := e.run(t, api, "--tz", "UTC", "--debug"); !strings.Contains(r.Stdout, "today $0.36") || !strings.Contains(r.Stderr, "listed every transcript") {
		t.Fatalf("first run:\n%s%s", r.Stderr, r.Stdout)
	}
	// A new session that runs this status line counts at once, without a
	// new listing; one that does not counts from the next listing.
	project := filepath.Join(dir, "projects", "-home-dev-api-server")
	own := filepath.Join(project, "bbbbbbbb-0000-4000-8000-000000000002.jsonl")
	other := filepath.Join(project, "cccccccc-0000-4000-8000-000000000003.jsonl")
	cmdtest.WriteFile(t, own, []byte(call("2026-12-07T11:00:00Z", "msg_02", 100_000)), 0o644)
	cmdtest.WriteFile(t, other, []byte(call("2026-12-07T11:10:00Z", "msg_03", 100_000)), 0o644)
	e.now = now.Add(time.Minute)
	ownInput := strings.Replace(api, `"/home/dev/.claude/projects/-home-dev-api-server/3f6c2a9e-8b1d-4c7e-9a52-1d0e7b4f6a21.jsonl"`, quote(own), 1)
	// 100,000 output tokens at $15/M: $1.50 more.
	if r := e.run(t, ownInput, "--tz", "UTC", "--debug"); !strings.Contains(r.Stdout, "today $1.86") || strings.Contains(r.Stderr, "listed every") {
		t.Fatalf("the session's own new transcript:\n%s%s", r.Stderr, r.Stdout)
	}
	e.now = now.Add(11 * time.Minute)
	if r := e.run(t, ownInput, "--tz", "UTC", "--debug"); !strings.Contains(r.Stdout, "today $3.36") || !strings.Contains(r.Stderr, "listed every transcript") {
		t.Fatalf("after the listing is due again:\n%s%s", r.Stderr, r.Stdout)
	}
}

func call(ts, id string, output int) string {
	return `{"type":"assistant","sessionId":"s","cwd":"/home/dev/api-server","timestamp":"` + ts + `","requestId":"r` + id +
		`","message":{"id":"` + id + `","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":0,"output_tokens":` + strconv.Itoa(output) +
		`,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}` + "\n"
}

func quote(s string) string { return `"` + s + `"` }

func copyDir(t *testing.T, from, to string) { copyTree(t, from, to) }

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		cmdtest.WriteFile(t, filepath.Join(to, rel), cmdtest.ReadFile(t, p), 0o644)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
