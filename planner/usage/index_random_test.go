package usage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestIndexReadsAsColdOverRandomHistories changes a history at random
// (files appended, cut short, truncated, replaced, rewritten, deleted,
// added, touched; replies continued across an append, replayed as
// sidechains, copied into other files before and after them in merge
// order, with more or as many tokens) and after each change reads it cold
// and through the index, kept on disk and reloaded, asking for reports
// in other zones, with other tables and top lists, over windows or the
// whole history: the reports must be byte-identical, and the index's merge
// the one a merge from scratch gives.
func TestIndexReadsAsColdOverRandomHistories(t *testing.T) {
	// Small cuts, so the kept reports have rows before them and move them.
	defer func(keep, most int) { tailKeep, maxTail = keep, most }(tailKeep, maxTail)
	tailKeep, maxTail = 6, 40
	defer func(share int64) { deltaShare = share }(deltaShare)
	deltaShare = 1
	deltas, reloads := 0, 0 // saves that wrote a delta; loads that applied one
	defer func() {
		if !t.Failed() && (deltas < 100 || reloads < 40) {
			t.Errorf("%d saves wrote a delta and %d loads applied one: the delta is not exercised", deltas, reloads)
		}
	}()
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			dir, cache := t.TempDir(), t.TempDir()
			if _, err := writeHistory(dir, generateHistory(historySpec{Seed: seed, Sessions: 6, Turns: 6})); err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(seed, 9))
			m := &historyMutator{t: t, rng: rng, dir: dir, pool: poolOf(historySpec{Seed: seed + 100, Sessions: 8, Turns: 8}),
				mtime: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
			cases := readCases()
			ix, note := OpenIndex(cache, []string{dir})
			if note != "" {
				t.Fatal(note)
			}
			readBoth(t, dir, ix, "the first read")
			for round := 0; round < 60; round++ {
				var what string
				if rng.IntN(2) == 0 {
					what = m.mutate()
				} else {
					what = m.mutateReplies()
				}
				for k := 0; k < 1+rng.IntN(2); k++ {
					rc := cases[rng.IntN(len(cases))]
					readBothWith(t, dir, ix, fmt.Sprintf("%s (round %d, case %+v)", what, round, rc), rc)
				}
				if err := ix.Save(); err != nil {
					t.Fatal(err)
				}
				if _, err := os.Stat(ix.deltaPath()); err == nil {
					deltas++
				}
				if round%2 == 0 {
					if ix, note = OpenIndex(cache, []string{dir}); note != "" {
						t.Fatalf("after %s: %s", what, note)
					}
					if len(ix.edits) > 0 || len(ix.deltaStates()) > 0 {
						reloads++
					}
				}
			}
		})
	}
}

// readCases are the reads the randomised test asks for.
func readCases() []readCase {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	a, b := testTable(), testTable()
	b.Models[0].Price.Output *= 2
	day := time.Date(2025, 11, 4, 0, 0, 0, 0, time.UTC)
	periods := []PeriodSpec{{Key: "week monday", Period: Week(berlin, time.Monday)}, {Key: "month", Period: Month(berlin)}}
	return []readCase{
		{spec: &ReportSpec{Table: a, Options: ReportOptions{Top: 5}}},
		{spec: &ReportSpec{Table: a, Options: ReportOptions{Location: berlin, Top: 3, Periods: periods}}},
		{spec: &ReportSpec{Table: a, Options: ReportOptions{Location: berlin, Top: 3,
			Periods: []PeriodSpec{{Key: "anchored", Period: Anchored(time.Date(2025, 11, 3, 17, 0, 0, 0, time.UTC), 7*24*time.Hour, berlin)}}}}},
		{spec: &ReportSpec{Table: b, Options: ReportOptions{Location: time.UTC}}},
		{spec: &ReportSpec{Table: a, Options: ReportOptions{Top: 5}}, since: day},
		{spec: &ReportSpec{Table: a, Options: ReportOptions{Top: 5}}, until: day.AddDate(0, 0, 1)},
		{}, // the report built after the read, from its calls
	}
}

var (
	outputTokens = regexp.MustCompile(`"output_tokens":(\d+)`)
	requestID    = regexp.MustCompile(`"requestId":"req_`)
	sessionID    = regexp.MustCompile(`"sessionId":"[^"]*"`)
)

// mutateReplies changes a history the ways replies repeat: a reply
// continued across the end of what was read, a /btw replay, a session
// copied into another file (resumed), a reply copied elsewhere with more
// or as many tokens.
func (m *historyMutator) mutateReplies() string {
	files := m.files()
	if len(files) == 0 {
		return m.add()
	}
	p := files[m.rng.IntN(len(files))]
	b, err := os.ReadFile(p)
	if err != nil {
		m.t.Fatal(err)
	}
	replies := assistantLines(b)
	if len(replies) == 0 {
		return m.add()
	}
	last := replies[len(replies)-1]
	switch m.rng.IntN(4) {
	case 0: // the last reply's next block line, with as many or more output tokens
		m.write(p, appendLine(b, m.moreTokens(last)), false)
		return "continuing the last reply of " + p
	case 1: // a sidechain replay of any reply, under a new request id
		r := replies[m.rng.IntN(len(replies))]
		r = requestID.ReplaceAll(r, []byte(fmt.Sprintf(`"requestId":"req_btw%d_`, m.rng.IntN(1000))))
		r = bytes.Replace(r, []byte(`"isSidechain":false`), []byte(`"isSidechain":true`), 1)
		q := files[m.rng.IntN(len(files))]
		c, _ := os.ReadFile(q)
		m.write(q, appendLine(completeLines(c), r), false)
		return fmt.Sprintf("replaying a reply of %s in %s", p, q)
	case 2: // a resumed session: the start of p copied to a file before or after it
		k := 1 + m.rng.IntN(len(replies))
		var copied []byte
		for _, r := range replies[:k] {
			if m.rng.IntN(3) == 0 {
				r = sessionID.ReplaceAll(r, []byte(`"sessionId":"resumed"`))
			}
			copied = appendLine(copied, r)
		}
		m.added++
		name := []string{"000-copy", "zzz-copy"}[m.rng.IntN(2)] + strconv.Itoa(m.added) + ".jsonl"
		q := filepath.Join(filepath.Dir(p), name)
		m.write(q, copied, false)
		return fmt.Sprintf("copying %d replies of %s to %s", k, p, q)
	}
	// one reply copied to another file, with more or as many tokens
	r := replies[m.rng.IntN(len(replies))]
	if m.rng.IntN(2) == 0 {
		r = m.moreTokens(r)
	}
	q := files[m.rng.IntN(len(files))]
	c, _ := os.ReadFile(q)
	m.write(q, appendLine(completeLines(c), r), false)
	return fmt.Sprintf("copying a reply of %s to %s", p, q)
}

// moreTokens is a reply line with as many or more output tokens.
func (m *historyMutator) moreTokens(line []byte) []byte {
	more := m.rng.IntN(3) * 7
	return outputTokens.ReplaceAllFunc(line, func(b []byte) []byte {
		n, _ := strconv.Atoi(string(outputTokens.FindSubmatch(b)[1]))
		return []byte(fmt.Sprintf(`"output_tokens":%d`, n+more))
	})
}

// assistantLines are the complete reply lines of a transcript.
func assistantLines(b []byte) [][]byte {
	var out [][]byte
	for _, l := range bytes.Split(completeLines(b), []byte("\n")) {
		if bytes.Contains(l, []byte(`"type":"assistant"`)) && bytes.Contains(l, []byte(`"message":{"id":"`)) {
			out = append(out, append([]byte(nil), l...))
		}
	}
	return out
}

// completeLines is b without an unfinished last line.
func completeLines(b []byte) []byte {
	return b[:bytes.LastIndexByte(b, '\n')+1]
}

func appendLine(b, line []byte) []byte {
	return append(append(append([]byte(nil), completeLines(b)...), line...), '\n')
}
