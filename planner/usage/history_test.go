package usage

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// historySpec shapes a synthetic Claude Code history: sessions of user
// turns, each a burst of API calls whose context grows, reads the cached
// prefix and writes what is new (cold again after a pause longer than the
// cache TTL), compacts near the context limit, sometimes runs a subagent
// (a Task tool) whose lines go to <session>/subagents/agent-<id>.jsonl;
// one line per content block of a reply (earlier ones sometimes with a
// partial output count, as streaming writes them), a few /btw replays of a
// parent reply, and a few sessions that end on a limit hit. Same spec, same
// bytes.
type historySpec struct {
	Seed     uint64
	Sessions int
	Turns    int // user prompts per session, at most
	Projects int
	Start    time.Time
	Days     int
}

var (
	historyModels = []string{"claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-haiku-4-5-20251001"}
	historyTools  = []string{"Read", "Edit", "Bash", "Grep", "Glob", "Write", "TodoWrite"}
	historyWords  = []string{"fix the failing test in the auth package", "add pagination to the list endpoint",
		"refactor the config loader", "why is this query slow?", "write a migration for the new column",
		"update the README with the new flags", "add retries to the HTTP client", "review this diff"}
)

const base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// historyFile is one transcript of a generated history.
type historyFile struct {
	Path  string // relative to the projects directory
	Lines []string
	End   time.Time // the time of its last line, its modification time
}

// genSession simulates one session.
type genSession struct {
	rng      *rand.Rand
	id, cwd  string
	dir      string
	version  string
	breakout bool // writes the cache_creation breakdown (clients from 2.0)
	ttl      time.Duration
	model    string
	now      time.Time
	ctx      int64 // tokens already in the conversation
	pending  int64 // tokens added since the last call
	compact  int64
	sys      int64
	cacheAt  time.Time
	cacheFor string
	main     []string
	subs     map[string][]string
	subOrder []string
	replayOK []string // main-thread assistant lines, for a /btw replay
}

func (g *genSession) b58(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = base58[g.rng.IntN(len(base58))]
	}
	return string(b)
}

func (g *genSession) uuid() string {
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", g.rng.Uint32(), g.rng.IntN(1<<16), g.rng.IntN(1<<12), g.rng.IntN(1<<12), g.rng.Uint64()&(1<<48-1))
}

func (g *genSession) tick(lo, hi float64) time.Time {
	g.now = g.now.Add(time.Duration((lo + g.rng.Float64()*(hi-lo)) * float64(time.Second)))
	return g.now
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// envelope is the start of every line of the session.
func (g *genSession) envelope(sidechain bool, agent string) string {
	s := fmt.Sprintf(`{"parentUuid":%q,"isSidechain":%t,"userType":"external","cwd":%q,"sessionId":%q,"version":%q,"gitBranch":"main",`,
		g.uuid(), sidechain, g.cwd, g.id, g.version)
	if agent != "" {
		s += fmt.Sprintf(`"agentId":%q,`, agent)
	}
	return s
}

func (g *genSession) emit(line, agent string) {
	if agent == "" {
		g.main = append(g.main, line)
		return
	}
	if _, ok := g.subs[agent]; !ok {
		g.subOrder = append(g.subOrder, agent)
	}
	g.subs[agent] = append(g.subs[agent], line)
}

// call writes the lines of one API call and returns its output tokens.
func (g *genSession) call(model string, warm bool, blocks []string, out int64, agent string) {
	in := int64(1 + g.rng.IntN(4))
	if g.pending > 0 {
		in = min(g.pending, int64(1+g.rng.IntN(12)))
	}
	var write, read int64
	if warm {
		read, write = g.ctx, max(0, g.pending-in)
	} else {
		write = max(0, g.ctx+g.pending-in)
	}
	usage := fmt.Sprintf(`"input_tokens":%d,"cache_creation_input_tokens":%d,"cache_read_input_tokens":%d,`, in, write, read)
	if g.breakout {
		w5, w1 := write, int64(0)
		if g.ttl == time.Hour {
			w5, w1 = 0, write
		}
		usage += fmt.Sprintf(`"cache_creation":{"ephemeral_5m_input_tokens":%d,"ephemeral_1h_input_tokens":%d},`, w5, w1)
	}
	web := ""
	if g.rng.IntN(50) == 0 {
		web = `,"server_tool_use":{"web_search_requests":1,"web_fetch_requests":0}`
	}
	msgID, reqID := "msg_01"+g.b58(22), "req_011C"+g.b58(20)
	partial := len(blocks) > 1 && g.rng.IntN(5) == 0
	t := g.tick(2, 25)
	for i, block := range blocks {
		last := i == len(blocks)-1
		o := out
		if !last && partial {
			o = 1 + g.rng.Int64N(max(1, out/3))
		}
		stop := "null"
		if last {
			stop = `"tool_use"`
		}
		line := g.envelope(agent != "", agent) + fmt.Sprintf(`"message":{"id":%q,"type":"message","role":"assistant","model":%q,"content":[%s],"stop_reason":%s,"stop_sequence":null,"usage":{%s"output_tokens":%d%s,"service_tier":"standard"}},"requestId":%q,"type":"assistant","uuid":%q,"timestamp":%q}`,
			msgID, model, block, stop, usage, o, web, reqID, g.uuid(), stamp(t))
		g.emit(line, agent)
		if agent == "" && g.rng.IntN(4) == 0 {
			g.replayOK = append(g.replayOK, line)
		}
		if !last {
			t = g.tick(0.03, 0.9)
		}
	}
	g.ctx += g.pending + out
	g.pending = 0
}

func (g *genSession) blocks(final bool) []string {
	if final {
		return []string{`{"type":"text","text":"Done. Summary of the change follows."}`}
	}
	use := fmt.Sprintf(`{"type":"tool_use","id":"toolu_01%s","name":%q,"input":{"description":"step"}}`, g.b58(22), historyTools[g.rng.IntN(len(historyTools))])
	switch r := g.rng.Float64(); {
	case r < 0.45:
		return []string{`{"type":"text","text":"Let me look at that."}`, use}
	case r < 0.60:
		return []string{`{"type":"thinking","thinking":"Planning the next step.","signature":"sig"}`, `{"type":"text","text":"Checking."}`, use}
	}
	return []string{use}
}

func (g *genSession) user(content, agent string) {
	t := g.now
	g.emit(g.envelope(agent != "", agent)+fmt.Sprintf(`"type":"user","message":{"role":"user","content":%s},"uuid":%q,"timestamp":%q}`, content, g.uuid(), stamp(t)), agent)
}

func (g *genSession) subagent() {
	agent := fmt.Sprintf("%08x", g.rng.Uint32())
	model := historyModels[g.rng.IntN(len(historyModels))]
	saved, savedPending := g.ctx, g.pending
	g.ctx, g.pending = int64(6000+g.rng.IntN(5000)), int64(200+g.rng.IntN(600))
	g.tick(0.5, 2)
	g.user(`"Investigate and report back."`, agent)
	n := 3 + g.rng.IntN(6)
	for i := 0; i < n; i++ {
		final := i == n-1
		g.call(model, i > 0, g.blocks(final), int64(30+g.rng.IntN(1200)), agent)
		if !final {
			g.tick(0.3, 8)
			g.user(`[{"tool_use_id":"toolu_01`+g.b58(22)+`","type":"tool_result","content":"..."}]`, agent)
			g.pending = int64(50 + g.rng.IntN(9000))
		}
	}
	g.ctx, g.pending = saved, savedPending+int64(300+g.rng.IntN(1200))
}

// run plays the session's turns.
func (g *genSession) run(turns int, limitRate, subagentRate float64) {
	g.pending = g.sys
	hitAt := -1
	if g.rng.Float64() < limitRate {
		hitAt = turns/2 + g.rng.IntN(turns-turns/2)
	}
	for turn := 0; turn < turns; turn++ {
		if turn > 0 {
			switch r := g.rng.Float64(); {
			case r < 0.7:
				g.tick(20, 240)
			case r < 0.9:
				g.tick(240, 900)
			default:
				g.tick(1200, 5400)
			}
		}
		if turn == hitAt {
			t := g.tick(1, 5)
			reset := t.Truncate(time.Hour).Add(time.Duration(1+g.rng.IntN(4)) * time.Hour)
			g.emit(g.envelope(false, "")+fmt.Sprintf(`"type":"assistant","uuid":%q,"timestamp":%q,"message":{"id":%q,"model":"<synthetic>","role":"assistant","stop_reason":"stop_sequence","stop_sequence":"","type":"message","usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0},"content":[{"type":"text","text":"Claude AI usage limit reached|%d"}]},"isApiErrorMessage":true}`,
				g.uuid(), stamp(t), g.uuid(), reset.Unix()), "")
			return
		}
		if g.breakout {
			g.emit(fmt.Sprintf(`{"type":"file-history-snapshot","messageId":%q,"snapshot":{"messageId":%q,"trackedFileBackups":{},"timestamp":%q},"isSnapshotUpdate":false}`, g.uuid(), g.uuid(), stamp(g.now)), "")
		}
		g.user(fmt.Sprintf("%q", historyWords[g.rng.IntN(len(historyWords))]), "")
		g.pending += int64(15 + g.rng.IntN(600))
		calls := []int{1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 7}[g.rng.IntN(20)]
		for c := 0; c < calls; c++ {
			final := c == calls-1
			if g.ctx+g.pending > g.compact {
				g.tick(20, 60)
				g.emit(g.envelope(false, "")+fmt.Sprintf(`"type":"system","subtype":"compact_boundary","content":"Conversation compacted","timestamp":%q,"uuid":%q}`, stamp(g.now), g.uuid()), "")
				g.ctx, g.pending = 0, g.sys+int64(5000+g.rng.IntN(7000))+g.pending
				g.cacheFor = ""
			}
			warm := g.cacheFor == g.model && g.now.Sub(g.cacheAt) <= g.ttl
			out := int64(40 + g.rng.IntN(1500))
			if g.rng.IntN(10) == 0 {
				out = int64(1500 + g.rng.IntN(4500))
			}
			g.call(g.model, warm, g.blocks(final), out, "")
			g.cacheAt, g.cacheFor = g.now, g.model
			if final {
				continue
			}
			if g.rng.Float64() < subagentRate {
				g.subagent()
			} else {
				g.tick(0.3, 40)
				g.pending += int64([]int{50, 400, 3000}[g.rng.IntN(3)] + g.rng.IntN(3000))
			}
			g.user(`[{"tool_use_id":"toolu_01`+g.b58(22)+`","type":"tool_result","content":"..."}]`, "")
		}
	}
	if len(g.replayOK) > 0 && g.rng.Float64() < 0.15 {
		src := g.replayOK[g.rng.IntN(len(g.replayOK))]
		src = strings.Replace(src, `"isSidechain":false`, `"isSidechain":true`, 1)
		i := strings.Index(src, `"requestId":"`) + len(`"requestId":"`)
		g.main = append(g.main, src[:i]+"req_011C"+g.b58(20)+src[i+28:])
	}
}
