package usage

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixtureRoot holds hand-written transcripts covering every rule; the
// comments in testdata's generator notes list what each line is. Expected
// values below are computed by hand from those lines.
var fixtureRoot = filepath.Join("testdata", "logs")

func readFixture(t *testing.T, opt Options) *Data {
	t.Helper()
	files, problems, err := FindFiles(OSFileSystem{}, []string{fixtureRoot})
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Fatalf("problems finding files: %v", problems)
	}
	if len(files) != 3 {
		t.Fatalf("found %d files, want 3 (two sessions and one subagent file)", len(files))
	}
	return Read(OSFileSystem{}, files, opt)
}

func TestFixtureTotals(t *testing.T) {
	data := readFixture(t, Options{Workers: 2})
	r := BuildReport(data, testTable(), ReportOptions{Top: 3})
	// Eight distinct API calls survive: A1 (two block lines folded, the
	// larger output 187 kept), A2 (spaced JSON), A3 (no cache_creation
	// object; its copy in the web session folded), A4 (unknown model), A5
	// (long context), A6 (invalid UTF-8), B1 (subagent, two lines folded),
	// C1. The /btw replay of A1 is dropped; the Task tool result's usage is
	// not an API call.
	tot := r.Totals
	checks := []struct {
		name      string
		got, want int64
	}{
		{"requests", tot.Requests, 8},
		{"input", tot.InputTokens, 6 + 3 + 10 + 1 + 2 + 1 + 3 + 4},                         // 30
		{"output", tot.OutputTokens, 187 + 50 + 100 + 10 + 1000 + 20 + 412 + 300},          // 2,079
		{"cache write 5m", tot.CacheWrite5mTokens, 500 + 1000 + 10000 + 100 + 1210 + 2000}, // 14,810
		{"cache write 1h", tot.CacheWrite1hTokens, 2000 + 1000},                            // 3,000
		{"cache creation", tot.CacheCreationTokens, 14810 + 3000},
		{"cache read", tot.CacheReadTokens, 18000 + 20000 + 5000 + 195000 + 1000 + 9876}, // 248,876
		{"total", tot.TotalTokens, 30 + 2079 + 14810 + 3000 + 248876},                    // 268,795
		{"unpriced (A4)", tot.UnpricedTokens, 1 + 10},
		{"long-context requests", tot.LongContextRequests, 1},
		{"subagent requests", tot.SubagentRequests, 1},
		{"web searches", tot.WebSearchRequests, 1},
		// Cost in micro-dollars, one price group at a time:
		//   sonnet standard (A1, A2, C1): 13×3 + 537×15 + 2,500×3.75 + 3,000×6 + 38,000×0.30
		//     = 39 + 8,055 + 9,375 + 18,000 + 11,400 = 46,869
		//   sonnet long context (A5), all tokens at premium: 2×6 + 1,000×22.50 + 10,000×7.50 + 195,000×0.60
		//     = 12 + 22,500 + 75,000 + 117,000 = 214,512
		//   opus (A3): 10×5 + 100×25 + 1,000×6.25 + 5,000×0.50 = 50 + 2,500 + 6,250 + 2,500 = 11,300
		//   haiku (A6, B1): 4×1 + 432×5 + 1,310×1.25 + 10,876×0.10 = 4 + 2,160 + 1,637.5→1,638 + 1,087.6→1,088 = 4,890
		//   total 46,869 + 214,512 + 11,300 + 4,890 = 277,571 µ$ = $0.277571
		{"cost µ$", int64(tot.CostUSD), 277_571},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	// Lines: main file 16 (incl. the truncated last), subagent 3, web 3.
	if r.Lines != 22 || r.DuplicateLines != 3 || r.ReplaysDropped != 1 || r.APIErrorLines != 1 {
		t.Errorf("lines %d dup %d replays %d api errors %d, want 22 3 1 1", r.Lines, r.DuplicateLines, r.ReplaysDropped, r.APIErrorLines)
	}
	// Bad: the "lots" token count, the broken JSON, the truncated last line.
	if r.BadLines != 3 || r.InvalidUTF8Lines != 1 {
		t.Errorf("bad %d invalid utf-8 %d, want 3 and 1", r.BadLines, r.InvalidUTF8Lines)
	}
	if len(r.UnknownModels) != 1 || r.UnknownModels[0].Model != "claude-mystery-9-20260101" || r.UnknownModels[0].TotalTokens != 11 {
		t.Errorf("unknown models %+v", r.UnknownModels)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].What, "3 of 16 lines unreadable") || !strings.Contains(r.Problems[0].What, "incomplete") {
		t.Errorf("problems %+v", r.Problems)
	}
}

func TestFixtureLimitHits(t *testing.T) {
	data := readFixture(t, Options{})
	if len(data.LimitHits) != 2 {
		t.Fatalf("limit hits %+v, want 2", data.LimitHits)
	}
	old, newer := data.LimitHits[0], data.LimitHits[1]
	// 1762297200 s after the epoch is 2025-11-04 23:00:00 UTC.
	if old.Kind != "usage" || !old.ResetAt.Equal(time.Date(2025, 11, 4, 23, 0, 0, 0, time.UTC)) {
		t.Errorf("old-format hit %+v", old)
	}
	// 18:00Z is 19:00 in Berlin (CET, UTC+1); "resets 9:50pm" is 21:50 CET = 20:50Z.
	if newer.Kind != "session" || !newer.ResetAt.Equal(time.Date(2025, 11, 5, 20, 50, 0, 0, time.UTC)) {
		t.Errorf("new-format hit %+v", newer)
	}
	if newer.SessionID != "22222222-2222-4222-8222-222222222222" || newer.Project != "/home/dev/web" {
		t.Errorf("new-format hit attribution %+v", newer)
	}
}

func TestFixtureGroups(t *testing.T) {
	r := BuildReport(readFixture(t, Options{}), testTable(), ReportOptions{})
	if len(r.Days) != 2 || r.Days[0].Date != "2025-11-04" || r.Days[1].Date != "2025-11-05" || r.Days[1].Requests != 1 {
		t.Errorf("days %+v", r.Days)
	}
	// The subagent file belongs to session 1111…: two sessions, not three.
	if len(r.Sessions) != 2 || r.Sessions[0].Requests != 7 || r.Sessions[0].SubagentRequests != 1 {
		t.Errorf("sessions %+v", r.Sessions)
	}
	if len(r.Projects) != 2 || r.Projects[0].Project != "/home/dev/api-server" || r.Projects[0].Sessions != 1 {
		t.Errorf("projects %+v", r.Projects)
	}
	// Blocks: 09:00–14:00 UTC (A1…A6, B1; the old limit hit at 09:10), then
	// C1 at 17:00, more than 5 h after the first block's start.
	if len(r.Blocks) != 2 {
		t.Fatalf("blocks %+v", r.Blocks)
	}
	b0, b1 := r.Blocks[0], r.Blocks[1]
	if !b0.Start.Equal(time.Date(2025, 11, 4, 9, 0, 0, 0, time.UTC)) || b0.Requests != 7 || b0.LimitHits != 1 {
		t.Errorf("first block %+v", b0)
	}
	if !b1.Start.Equal(time.Date(2025, 11, 5, 17, 0, 0, 0, time.UTC)) || b1.Requests != 1 || b1.LimitHits != 1 {
		t.Errorf("second block %+v", b1)
	}
	// In Tokyo (UTC+9) the 09:00Z calls fall on the 4th at 18:00, C1 (17:00Z
	// on the 5th) on the 6th at 02:00.
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no time zone data")
	}
	r = BuildReport(readFixture(t, Options{}), testTable(), ReportOptions{Location: tokyo})
	if len(r.Days) != 2 || r.Days[1].Date != "2025-11-06" {
		t.Errorf("tokyo days %+v", r.Days)
	}
}

func TestFixtureSinceUntil(t *testing.T) {
	since := time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC)
	data := readFixture(t, Options{Since: since})
	// The files were written now, so none is skipped by modification time;
	// the entries of the 4th are filtered out. A3's copy on the 5th lost the
	// dedup tie to the original on the 4th, so only C1 remains.
	if len(data.Entries()) != 1 || len(data.LimitHits) != 1 {
		t.Errorf("since: %d entries, %d hits; want 1 and 1", len(data.Entries()), len(data.LimitHits))
	}
	data = readFixture(t, Options{Until: since})
	if len(data.Entries()) != 7 {
		t.Errorf("until: %d entries, want 7", len(data.Entries()))
	}
}
