// Package limiter is tierplan's one model of a provider's rate limits: the
// token buckets of a pool (requests, input, output and combined tokens per
// minute), its daily quotas and the monthly spend cap. plan's verdicts,
// simulate's day and the team proxy's pacing all decide "would this call get
// a 429, and when could it pass" here and nowhere else, so the three can
// never disagree about the physics.
//
// A per-minute limit L is a bucket of capacity L·w/60 refilled continuously
// at L/60 per second, starting full, as Anthropic documents its limits
// ("continuously replenished up to your maximum limit"); w is the
// enforcement window (60 s lets a whole minute's limit go at once; 1 s is
// the pessimistic reading of "60 RPM may be enforced as 1 request per
// second"). Levels are integers in 1/60,000 of a token and time is integer
// milliseconds, so a limit of L refills exactly L units a millisecond and
// every refill time is exact to the millisecond.
//
// A Limiter answers three kinds of question:
//   - Admit: the API's answer to one request now (admitted, or rejected by
//     which limit and for how long), drawing the charge when admitted;
//   - Observe: the same answer for a trace that is never rejected (plan's
//     "what would this day do to the buckets"): the charge is drawn even
//     when the bucket lacks room, and the deepest pressure on each bucket
//     is kept, so one run gives both the first call that would get a 429
//     and how far over each limit the day goes;
//   - Sync and Wait: a bucket brought in line with what a response's
//     rate-limit headers say, and how long a request must wait for room
//     (the proxy's pacing).
package limiter
