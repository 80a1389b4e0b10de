// Package shape measures what a Claude Code session really looks like, so
// the planner's session and time model can be calibrated on real work
// instead of guesses: how large the first request is, how fast the context
// grows, how much is output, how often the cache is missed, where
// compaction happens, and how a session is paced in time (turns of tool
// loops separated by human pauses, tool time, call durations, bursts).
//
// It reads the same transcripts as package usage (found with
// usage.FindFiles, deduplicated on message id + request id, subagent files
// counted toward their parent session) but, unlike usage, it also reads the
// lines that carry no tokens: human prompts, tool results, slash commands
// and compaction boundaries, because the shape of a session is in their
// order and timing.
//
// The package never prints, never reads flags and never reads the clock:
// files come through a usage.FileSystem, and every time comes from a line.
package shape
