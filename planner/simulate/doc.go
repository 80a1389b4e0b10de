// Package simulate runs a discrete-event simulation of a team's agentic
// sessions against one tier's rate limits, to answer what a static plan cannot:
// how many 429s, how long each call waits, how much longer the day takes, and
// whether a client's retry policy helps or hurts.
//
// The model, in short:
//
//   - Each limit of the workload's pool (RPM, ITPM, OTPM, combined TPM) is a
//     token bucket of capacity B = L·w/60 refilled continuously at L/60 per
//     second, where w is the enforcement window (60 s lets a whole minute
//     burst; 1 s is the pessimistic reading of "60 RPM may be enforced as 1
//     request per second"). Levels are integers in 1/60,000 of a token and time
//     is integer milliseconds, so every refill time is exact to the millisecond.
//   - A call is admitted only if every bucket has room for it; otherwise it gets
//     a 429 whose retry-after is the whole number of seconds, rounded up, until
//     every short bucket has refilled enough, as the API sends it. A call larger
//     than the per-minute limit itself can never pass and is abandoned at once;
//     with a window under 60 s, a call larger than its bucket (but within the
//     per-minute limit) passes only on a full bucket and leaves it in debt, so
//     the calls after it wait for the refill.
//   - Daily token and request quotas reset at midnight; the monthly spend cap
//     resets every DaysPerMonth working days. Their 429s are not retried (a
//     retry cannot help before the reset) and end the session.
//   - Sessions are closed loops: call, latency (first-token time plus output at a
//     tokens-per-second rate), tool/think time (exponential), next call. A call
//     abandoned after its retries is lost and the session goes on with its next
//     call after a pause (ResumeAfter, default 10 s), as a user re-prompting
//     would.
//   - All randomness comes from seeded PCG streams: one per session for think
//     times (so every retry policy sees the same workload), one per session for
//     retry jitter. Time is simulated, never read from a clock.
package simulate
