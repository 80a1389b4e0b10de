// Package simulate runs a discrete-event simulation of a team's working days
// against one tier's rate limits, to answer what a plan's verdict does not:
// how many 429s, how long each call waits, how much longer the day takes, and
// whether a client's retry policy helps or hurts.
//
// It runs the very day plan evaluates: the same arrivals (planner/day), the
// same sessions and timing draws (planner/session), the same buckets
// (planner/limiter). Until the first 429 the two are identical call for call,
// so a workload plan calls "fits" sees no 429 here with the same seed, and
// one plan calls "throttled" sees some. From the first 429 on, the
// simulation goes where plan cannot: sessions are closed loops, so a
// rejected call is retried as the chosen client does (honouring
// retry-after), the session waits, and everything after it shifts.
//
//   - Each pool's per-minute limits are token buckets (capacity L·w/60,
//     continuous refill); daily quotas reset at midnight; the monthly spend
//     cap, shared by all pools, resets every DaysPerMonth working days.
//     Quota and cap 429s are not retried and end the session.
//   - A call larger than the per-minute limit itself can never pass and is
//     abandoned at once; a call abandoned after its retries is lost and the
//     session goes on with its next call after ResumeAfter plus its usual
//     wait, as a user re-prompting would.
//   - A call that waited past the cache TTL since its session's previous
//     admitted call is sent cold: throttling costs cache rewrites.
//   - All randomness comes from the sessions' own seeded streams; time is
//     simulated, never read from a clock.
package simulate
