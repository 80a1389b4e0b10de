// Package usage reads Claude Code's local JSONL transcripts and turns them into
// usage reports: token totals and API-equivalent cost per day, session,
// project, model and 5-hour block, observed per-minute peaks replayed against
// every API tier, and a workload calibrated from what was actually done.
//
// The rules it follows are those of the transcript format: one line per
// content block of a reply (deduplicated on message id + request id, keeping
// the most complete line), subagent files under <session>/subagents/
// attributed to their parent session, sidechain replays of a parent message
// dropped, synthetic error lines skipped but limit hits recorded.
//
// The package never prints and never reads the clock: files are read through
// a FileSystem, progress goes to a callback, and times come from the lines.
package usage
