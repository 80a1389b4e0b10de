// Package pacing holds the team proxy's decisions that are pure arithmetic:
// what an incoming call will probably draw from the rate limits before its
// response says (Estimator), what the provider's rate-limit headers report
// (ReadHeaders), which bucket has fallen below the warning level (Low),
// which waiting call goes next when the buckets are short (Next, with
// Shares for fairness), and whether a developer is over a budget (Budget).
//
// Whether a call fits the buckets, and how long it must wait, is the
// limiter's answer (planner/limiter): this package only prepares its
// inputs, so the proxy's pacing and the planner's verdicts share one model.
// Nothing here reads the clock or the network: times come in as arguments.
package pacing
