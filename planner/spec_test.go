package planner

import (
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/session"
)

// meanTokens is the token total of a spec's mean session: its whole calls
// and the share of the next step that the longer sessions make.
func meanTokens(s session.Spec) float64 {
	upTo, next := s.Shape.Totals(s.Length.Calls)
	return float64(upTo) + s.Length.Extra*float64(next)
}

// The mean session adds up to --tokens exactly, whatever the total: with
// the defaults (18k prefix, 1k growth, 475 output), 800k is 25 calls of
// 18,475 + 1,000 (i − 1) tokens, 25 × 18,475 + 1,000 × 300 = 761,875, and
// 38,125/43,475 = 87.69% of a 26th call of 43,475.
func TestSessionTotalIsTokensOnAverage(t *testing.T) {
	r := mustResolve(t, Workload{}, smallTable())
	l := r.Parts[0].Spec.Length
	if l.Calls != 25 || !near(l.Extra, 38_125.0/43_475, 1e-12) {
		t.Errorf("800k: length %+v, want 25 calls and 38,125/43,475 of a 26th", l)
	}
	// Every total from one call up gives a session, compaction or not
	// (ported from the deleted TestDerivedSessionsCoverEveryTotal).
	totals := []int64{18_475, 20_000, 99_999, 2_345_678}
	for tok := int64(25_000); tok < 50_000_000; tok += 997_919 {
		totals = append(totals, tok)
	}
	for _, tok := range totals {
		r, err := Resolve(Workload{TokensPerSession: tok}, smallTable())
		if err != nil {
			t.Errorf("--tokens %d: %v", tok, err)
			continue
		}
		if got := meanTokens(r.Parts[0].Spec); !near(got, float64(tok), 1e-6*float64(tok)) {
			t.Errorf("--tokens %d: the mean session has %.3f", tok, got)
		}
	}
}

// --calls with --tokens solves the growth: four calls from a 1,500 prefix
// with 100 output each send 1,500 + (1,500 + d) + (1,500 + 2d) + (1,500 +
// 3d) and write 400: 6,400 + 6d = 9,400 gives d = 500, and the note says
// so. Contexts are whole tokens, so the smallest growth that reaches the
// total may be up to half a token under 500.
func TestCallsAndTokensSolveTheGrowth(t *testing.T) {
	w := Workload{CallsPerSession: 4, TokensPerSession: 9_400, PrefixTokens: 1_500, OutputPerCall: 100}
	r := mustResolve(t, w, smallTable())
	s := r.Parts[0].Spec
	if !near(s.Shape.Growth, 500, 0.5) || s.Length != (session.Length{Calls: 4}) {
		t.Errorf("growth %g, length %+v; want 500 and 4 calls", s.Shape.Growth, s.Length)
	}
	if upTo, _ := s.Shape.Totals(4); upTo != 9_400 {
		t.Errorf("four calls add up to %d, want 9,400", upTo)
	}
	if want := "sonnet: with --calls and --tokens both given, the growth per call is solved: 500 tokens a call"; len(r.Notes) != 1 || r.Notes[0] != want {
		t.Errorf("notes %q, want %q", r.Notes, want)
	}
	// One call: its context is the total less its output, 30,000 − 475.
	r = mustResolve(t, Workload{CallsPerSession: 1, TokensPerSession: 30_000}, smallTable())
	if c := r.Parts[0].Spec.Shape.Calls(1)[0]; c.Context != 29_525 || c.Output != 475 {
		t.Errorf("one call of 30,000 tokens: %+v, want a 29,525 context and 475 output", c)
	}
}

// --output-share sets the output per call so that the mean session's
// output is that share of its tokens: 400/9,400 of the four-call session
// is 100 a call (at 99 the total 9,396 leaves 4/3,599 of a fifth call:
// 396.1 tokens of output, short of 400).
func TestOutputShareSolvesTheOutput(t *testing.T) {
	w := Workload{TokensPerSession: 9_400, PrefixTokens: 1_500, GrowthPerCall: 500, OutputShare: 400.0 / 9_400}
	s := mustResolve(t, w, smallTable()).Parts[0].Spec
	if s.Shape.Output != 100 || s.Length != (session.Length{Calls: 4}) {
		t.Errorf("output %d, length %+v; want 100 a call over 4 calls", s.Shape.Output, s.Length)
	}
}

// --pace sets the tool time: 2 calls a minute is a 30 s cycle, less the
// call's own 6.2 s (2 s to the first token, 475 tokens at 60 a second =
// 7.92 s → 2,000 + 7,917 ms): 30,000 − 9,917 = 20,083 ms. A pace faster
// than the call itself leaves no tool time.
func TestPaceSetsTheToolTime(t *testing.T) {
	s := mustResolve(t, Workload{Pace: 2}, smallTable()).Parts[0].Spec
	if s.Timing.ToolTime != 20_083*time.Millisecond {
		t.Errorf("tool time %v, want 20.083s", s.Timing.ToolTime)
	}
	if got := toolTimeForPace(60, 9_917); got != 0 {
		t.Errorf("a 1 s cycle for a 9.9 s call: tool time %v, want 0", got)
	}
}

// Impossible settings are refused with the user's own flags and the fix.
func TestImpossibleSessionsNameTheFlags(t *testing.T) {
	cases := []struct {
		name string
		w    Workload
		want string
	}{
		{"three fix the length", Workload{CallsPerSession: 4, TokensPerSession: 9_400, GrowthPerCall: 500},
			"--calls, --tokens and --growth all fix a session's length: give two of them"},
		{"one call, three fix it", Workload{CallsPerSession: 1, TokensPerSession: 30_000, PrefixTokens: 20_000},
			"--calls 1, --tokens and --prefix all fix the one call's size: give two of them"},
		{"one call smaller than its output", Workload{CallsPerSession: 1, TokensPerSession: 400},
			"--tokens 400 is no more than one call's 475 output tokens"},
		// 0.3 × 800k / 2 = 120,000 a call.
		{"output past max tokens", Workload{CallsPerSession: 2, TokensPerSession: 800_000, OutputShare: 0.3, MaxTokens: 32_000},
			"--calls 2 would each write 120,000 output tokens, more than --max-tokens 32,000: raise --calls or --max-tokens, or lower --output-share"},
		// The least 50 calls can be (growth = output = 475): 50 × 18,000 +
		// 475 × (0 + 1 + … + 49) + 50 × 475 = 900,000 + 581,875 + 23,750.
		{"too many calls for the tokens", Workload{CallsPerSession: 50, TokensPerSession: 800_000},
			"--calls 50 with a 18k-token prefix and 475 output tokens a call add up to at least 1,505,625 tokens, more than --tokens 800k: lower --calls or --prefix, or raise --tokens"},
		// The most two calls can be under compaction at 167k back to 28k:
		// growth 139,000: 18,000 + 157,000 + 2 × 475 = 175,950.
		{"too few calls for the tokens", Workload{CallsPerSession: 2, TokensPerSession: 10_000_000},
			"--calls 2 add up to at most 175,950 tokens (compaction at 167k keeps every call's context below it), less than --tokens 10M: raise --calls or lower --tokens"},
		{"tokens under one call", Workload{TokensPerSession: 10_000},
			"--tokens 10k is less than one call: a session's first call alone counts 18,475 tokens (its 18k-token prefix and 475 of output); raise --tokens or lower --prefix"},
		// 100,000 calls from 1 token growing 1 a call send 5,000,050,000
		// tokens and write 100,000.
		{"tokens past the most calls", Workload{TokensPerSession: 6_000_000_000, PrefixTokens: 1, GrowthPerCall: 1, OutputPerCall: 1},
			"--tokens 6B would need more than 100,000 calls at 1 tokens of growth a call: raise --growth or lower --tokens"},
		{"compact-to under the prefix", Workload{CompactTo: 5_000},
			"--compact-to 5,000 is smaller than the 18k-token prefix it must still hold: raise --compact-to or lower --prefix"},
		// 170k + 10k = 180k after compaction, above the 167k threshold.
		{"prefix past the threshold", Workload{PrefixTokens: 170_000},
			"the compaction threshold 167k (the model's window less 33k) must be above the post-compaction size 180k (the prefix (--prefix 170k) plus a 10k summary): lower --prefix (or set --compact-at for a larger window)"},
		{"compact-at under compact-to", Workload{CompactAt: 20_000, CompactTo: 25_000},
			"the compaction threshold --compact-at 20k must be above the post-compaction size 25k (the prefix plus a 10k summary): raise --compact-at or lower --prefix"},
		// 167k − 28k = 139k of room.
		{"growth past the room", Workload{GrowthPerCall: 150_000},
			"--growth 150k is more than the 139k tokens between the post-compaction size and the compaction threshold 167k (the model's window less 33k): every call would compact; lower --growth"},
		// Compaction at 250k: a 40M session (233 calls reach 250,000, 31.3M
		// tokens) compacts, and its compaction call sends 250,000 + 475.
		{"past the context window", Workload{CompactAt: 250_000, TokensPerSession: 40_000_000},
			"the largest call would send 250,475 tokens, more than sonnet's 200,000-token context window: set --compact-at below the window"},
		{"output share under the summaries", Workload{OutputShare: 0.0001, TokensPerSession: 50_000_000},
			"--output-share 0.0001 is too small for sessions of --tokens 50M: even compaction summaries write more; raise it or leave it out"},
	}
	for _, c := range cases {
		_, err := Resolve(c.w, smallTable())
		if err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got %v\nwant %s", c.name, err, c.want)
		}
	}
}

// `plan --calls 10` was refused with "tokens per session must be above 0",
// a message naming no flag, although --calls alone is documented: that many
// calls at --growth a call. Ten calls at the default 1k growth send
// 10 × 18,475 + 1,000 × 45 = 229,750 tokens, which the report echoes.
func TestCallsAloneWasRefusedForWantOfTokens(t *testing.T) {
	r, err := Resolve(Workload{CallsPerSession: 10}, smallTable())
	if err != nil {
		t.Fatalf("--calls 10: %v", err)
	}
	s := r.Parts[0].Spec
	if s.Length != (session.Length{Calls: 10}) || s.Shape.Growth != 1_000 {
		t.Errorf("length %+v, growth %g; want 10 calls of 1,000 growth", s.Length, s.Shape.Growth)
	}
	if r.Workload.TokensPerSession != 229_750 {
		t.Errorf("echoed tokens %d, want 229,750", r.Workload.TokensPerSession)
	}
	// The default growth rises to the output: the context holds the answer.
	r = mustResolve(t, Workload{CallsPerSession: 3, OutputPerCall: 4_000}, smallTable())
	if g := r.Parts[0].Spec.Shape.Growth; g != 4_000 {
		t.Errorf("growth %g, want the output's 4,000", g)
	}
	if _, err := Resolve(Workload{CallsPerSession: -1}, smallTable()); err == nil {
		t.Error("--calls -1 accepted")
	}
}

// `--tokens 10k --output-share 0.1` said the share "cannot be met by any
// session of --tokens 10k: a session of 10000 tokens is smaller than its
// first call, which alone counts 18000": no fix, and the bare counts. It
// now reads as --tokens alone does.
func TestOutputShareWithTooFewTokensNamedNoFix(t *testing.T) {
	_, err := Resolve(Workload{OutputShare: 0.1, TokensPerSession: 10_000}, smallTable())
	want := "--tokens 10k is less than one call: a session's first call alone counts 18,000 tokens (its 18k-token prefix); raise --tokens or lower --prefix"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}

// `plan --output-per-call 2000` was refused with "the context must grow by
// at least each call's output (2000 tokens), not 1000": the default growth
// did not rise with the output (it did with --calls alone), and the message
// named no flag. The default growth now rises to the output; a --growth the
// user gives below it is refused by name.
func TestOutputPerCallAboveTheDefaultGrowthWasRefused(t *testing.T) {
	r := mustResolve(t, Workload{OutputPerCall: 2_000}, smallTable())
	if sh := r.Parts[0].Spec.Shape; sh.Growth != 2_000 || sh.Output != 2_000 {
		t.Errorf("shape %+v, want growth and output 2,000", sh)
	}
	// Call i counts 20,000 + 2,000 (i − 1) tokens: 20 calls add up to
	// 20 × 20,000 + 2,000 × 190 = 780,000, and the 21st would count 60,000:
	// 800k is 20 calls and 20,000/60,000 of a 21st.
	if l := r.Parts[0].Spec.Length; l.Calls != 20 || !near(l.Extra, 20_000.0/60_000, 1e-12) {
		t.Errorf("length %+v, want 20 calls and a third", l)
	}
	_, err := Resolve(Workload{OutputPerCall: 2_000, GrowthPerCall: 1_500}, smallTable())
	want := "--growth 1,500 is less than the 2,000 output tokens each call writes, which the next call sends back: raise --growth or lower --output-per-call"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}

// An output per call above max_tokens was accepted: `--output-per-call 50k
// --max-tokens 32k` with --calls, and `--output-share 0.3 --max-tokens 32k`
// (49,667 output tokens a call), although a call writes at most its
// max_tokens.
func TestOutputAboveMaxTokensWasAccepted(t *testing.T) {
	cases := []struct {
		w    Workload
		want string
	}{
		{Workload{CallsPerSession: 5, OutputPerCall: 50_000, MaxTokens: 32_000},
			"--output-per-call 50,000 is more than --max-tokens 32,000, the most a call may write: lower --output-per-call or raise --max-tokens"},
		{Workload{OutputShare: 0.3, MaxTokens: 32_000},
			"--output-share 0.3 makes each call write 49,667 output tokens, more than --max-tokens 32,000: raise --max-tokens or lower --output-share"},
	}
	for _, c := range cases {
		_, err := Resolve(c.w, smallTable())
		if err == nil || err.Error() != c.want {
			t.Errorf("error %v\nwant %s", err, c.want)
		}
	}
}
