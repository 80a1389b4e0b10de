// Package session models one Claude Code session: what its calls send (a
// context growing from a static prefix by a growth per call, compacting
// back at a threshold, each call warm or cold in the prompt cache) and when
// it sends them (turns: a burst of calls in the tool loop, then a human
// pause; a call takes its time to first token plus its output at the
// model's speed). plan and simulate draw their sessions from here, so a
// session is the same session in both, call for call and millisecond for
// millisecond.
//
// A session's calls are the first calls of one canonical sequence fixed by
// its shape; its length (the token total, or a number of calls) only says
// where the sequence stops. So a bigger session is the smaller one plus more
// calls: every total, bill and peak grows with the work by construction.
// When a token total falls between two lengths, a share of the sessions
// makes one more call, so the mean session adds up to the total exactly.
package session
