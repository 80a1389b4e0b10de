// Package fakeapi is a scriptable stand-in for the Anthropic Messages API,
// for tests and for measuring real clients (Claude Code, the SDKs) without
// reaching the network.
//
// A Handler answers POST /v1/messages (the query, such as ?beta=true, is
// kept and recorded) with a server-sent-event stream shaped like Anthropic's
// (message_start, content_block_start/delta/stop, message_delta with the
// output tokens, message_stop) or, when the request does not ask for a
// stream, with one JSON message. It also answers /v1/messages/count_tokens
// and /v1/models. Every request is recorded with its arrival time from an
// injectable clock, its headers with secrets redacted and the fields of its
// body that shape capacity (model, max_tokens, system prompt size, tools,
// thinking), so a test can read a client's retry schedule and request shape
// from the records.
//
// Replies are scripted by request number: a 429 with or without retry-after,
// with anthropic-ratelimit-* headers, a 529 overload, a 500, a spend-cap 429,
// each with Anthropic's exact error body, and latencies before the first byte
// and between events. Start binds a Server to 127.0.0.1 only.
package fakeapi
