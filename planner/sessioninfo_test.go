package planner

import (
	"testing"
)

// The tiny day's session, described: four calls of 2 s back to back, so a
// session runs 8,000 ms = 0.13 minutes (0.1 shown); two sessions make 8
// calls in 16,000 ms, 30 calls a minute; all four of a session's calls
// start within 6 s, a burst of 4; no later call is cold; 4 calls at 10 a
// turn are 0.4 turns.
func TestSessionInfoOfTheTinyDay(t *testing.T) {
	r := mustResolve(t, tinyDay(), smallTable())
	tr := buildTrace(r)
	got := sessionInfo(r.Parts[0].Spec, tr, 0)
	want := SessionInfo{
		Calls: 4, MeanCalls: 4, GrowthPerCall: 500, OutputPerCall: 100,
		FirstContext: 1_500, LargestContext: 3_000, Tokens: 9_400, CacheTTL: "5m",
		CallSeconds: 2, Minutes: 0.1, CallsPerMinute: 30, BurstPerMinute: 4, Turns: 0.4,
	}
	if got != want {
		t.Errorf("session info\n got %+v\nwant %+v", got, want)
	}
}

// Slow calls: 19 s to the first token and 1 s of output make calls 20 s
// apart, at 0, 20, 40 and 60 s. The burst counts the calls that start
// within less than 60 s of one another: the call at 60 s no longer shares
// a minute with the one at 0, so 3. A session runs 80 s = 1.33 minutes
// (1.3), and 8 calls in 160 s are 3 a minute.
func TestSessionInfoBurstIsUnderSixtySeconds(t *testing.T) {
	w := tinyDay()
	w.FirstTokenS = 19
	r := mustResolve(t, w, smallTable())
	info := sessionInfo(r.Parts[0].Spec, buildTrace(r), 0)
	if info.BurstPerMinute != 3 || info.Minutes != 1.3 || info.CallsPerMinute != 3 || info.CallSeconds != 20 {
		t.Errorf("burst %d, minutes %g, calls a minute %g, call %g s; want 3, 1.3, 3, 20",
			info.BurstPerMinute, info.Minutes, info.CallsPerMinute, info.CallSeconds)
	}
}

// A call slower than the cache's lifetime (301 s to the first token + 1 s)
// finds its cache expired every time: all six later calls of the day are
// cold, as the expected usage says (a chance of 1). The session runs
// 4 × 302 s = 1,208 s = 20.13 minutes (20.1).
func TestSessionInfoColdShareWhenCallsOutlastTheCache(t *testing.T) {
	w := tinyDay()
	w.FirstTokenS = 301
	r := mustResolve(t, w, smallTable())
	info := sessionInfo(r.Parts[0].Spec, buildTrace(r), 0)
	if info.ColdShare != 1 || info.Minutes != 20.1 {
		t.Errorf("cold share %g, minutes %g; want 1 and 20.1", info.ColdShare, info.Minutes)
	}
	// Expired, each later call writes its whole context: 1,500 + 2,000 +
	// 2,500 + 3,000 = 9,000 written, nothing read.
	u := expectedUsage(r.Parts[0].Spec, testModel())
	if u.Standard.CacheWrite5m != 9_000 || u.Standard.CacheRead != 0 {
		t.Errorf("expected usage %+v, want 9,000 written and nothing read", u.Standard)
	}
}

// A session between two lengths: 11,000 tokens is 4 calls and 4/9 of a
// fifth (3,500 + 100 of 3,600 tokens), so the mean is 4.44 calls and the
// token total exactly 9,400 + 1,600; the longer sessions reach a context
// of 3,500. With compaction at 2,800 back to 1,700 (a 200-token summary),
// 14,200 tokens are 5 calls (as in session.TestCallsByHand): contexts
// 1,500, 2,000, 2,500; the fourth would reach 3,000, so one compaction
// call sends 2,500 + 100; then 1,700 + 500 = 2,200 and 2,700.
func TestSessionInfoShape(t *testing.T) {
	w := tinyDay()
	w.TokensPerSession = 11_000
	r := mustResolve(t, w, smallTable())
	info := sessionInfo(r.Parts[0].Spec, buildTrace(r), 0)
	if info.Calls != 4 || info.ExtraShare != 0.4444 || info.MeanCalls != 4.44 || info.Tokens != 11_000 || info.LargestContext != 3_500 {
		t.Errorf("info %+v", info)
	}

	w = tinyDay()
	w.TokensPerSession, w.CompactAt, w.CompactTo = 14_200, 2_800, 1_700
	r = mustResolve(t, w, smallTable())
	info = sessionInfo(r.Parts[0].Spec, buildTrace(r), 0)
	if info.Compactions != 1 || info.LargestContext != 2_700 || info.Calls != 5 || info.Tokens != 14_200 {
		t.Errorf("compacting session: %d compactions, largest context %d, %d calls, %d tokens; want 1, 2,700, 5, 14,200",
			info.Compactions, info.LargestContext, info.Calls, info.Tokens)
	}
}
