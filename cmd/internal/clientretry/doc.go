// Package clientretry measures how real Anthropic clients retry, by running
// them against the fake API (package fakeapi) on 127.0.0.1 with scripted
// error answers and reading their schedule from the fake's arrival records.
//
// Two clients are supported: Claude Code (its `claude -p` headless mode)
// and the official TypeScript SDK (through testdata/sdk_call.cjs). Neither
// ships with tierplan: the tests that need them find them through
// TIERPLAN_CLAUDE_BIN and TIERPLAN_SDK_DIR and skip cleanly without them.
// What a measurement finds is kept as a fixture that planner/simulate's
// policy tests read, so the simulator's retry policies stay tied to what
// the clients really do.
package clientretry
