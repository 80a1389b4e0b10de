package windows

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
)

var writeFixture = flag.String("write-fixture", "", "write a generated window history and its logs (a config directory) to this directory")

// TestWriteFixture writes the fixture of the usage command's --windows
// tests and the README's example: three and a half days of a user whose plan's
// 5-hour window holds $6 and whose week holds $150 of output at list
// prices, the readings a status line would have recorded, and the
// transcript of the calls:
//
//	go test ./planner/windows -run TestWriteFixture -args -write-fixture cmd/internal/usage/testdata/windows
func TestWriteFixture(t *testing.T) {
	if *writeFixture == "" {
		t.Skip("only with -write-fixture DIR")
	}
	// Four days from Monday 2026-12-07 09:00, moved three days back and
	// cut at 11:50 on the fourth: the last 5-hour block is still running
	// at noon on 2026-12-07, the README's clock.
	s := simulateCalls(3, 4, 6, 150, 2000, 8000, 150)
	shift := -3 * 24 * time.Hour
	cut := t0.Add(170 * time.Minute)
	var readings []Reading
	for _, r := range s.readings {
		r.At, r.ResetsAt = r.At.Add(shift), r.ResetsAt.Add(shift)
		if !r.At.After(cut) {
			readings = append(readings, r)
		}
	}
	var entries []usage.Entry
	for _, e := range s.entries {
		e.Time = e.Time.Add(shift)
		if !e.Time.After(cut) {
			entries = append(entries, e)
		}
	}
	s.readings, s.entries = readings, entries
	var hist strings.Builder
	hist.WriteString(header)
	for _, r := range s.readings {
		hist.WriteString(formatLine(r))
	}
	var logs strings.Builder
	for i, e := range s.entries {
		t := e.Tokens
		fmt.Fprintf(&logs, `{"type":"assistant","sessionId":"5e55a1b2-0000-4000-8000-000000000001","cwd":"/home/dev/api-server","timestamp":"%s","requestId":"req_%04d","message":{"id":"msg_%04d","model":"%s","usage":{"input_tokens":%d,"cache_creation_input_tokens":%d,"cache_read_input_tokens":%d,"output_tokens":%d}}}`+"\n",
			e.Time.UTC().Format("2006-01-02T15:04:05.000Z"), i, i, e.Model, t.Input, t.CacheWrite5m, t.CacheRead, t.Output)
	}
	project := filepath.Join(*writeFixture, "claude", "projects", "-home-dev-api-server")
	if err := os.MkdirAll(project, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*writeFixture, "windows.log"), []byte(hist.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(project, "5e55a1b2-0000-4000-8000-000000000001.jsonl"), []byte(logs.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d readings, %d calls", len(s.readings), len(s.entries))
}
