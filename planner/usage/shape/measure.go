package shape

import (
	"time"

	"github.com/tierplan/tierplan/planner/usage"
)

// PauseForCacheExpiry splits the cache-miss share: a later call more than
// this long after the previous request finds a 5-minute cache expired.
const PauseForCacheExpiry = 5 * time.Minute

// compaction is one compaction of the main thread's context.
type compaction struct {
	trigger string // "auto", "manual", or "" when only a summary line shows it
	pre     int64  // compactMetadata.preTokens; 0 when not logged
	before  int64  // context of the last call before it; -1 when none
	after   int64  // context of the first call after it; -1 when none
}

// measure is what one session's lines say, before figures are drawn.
type measure struct {
	calls, subCalls int
	main, sub       usage.Tokens // all four kinds, main thread and subagents
	finalCalls      int          // calls whose output count is final
	final           usage.Tokens // tokens of those calls
	prefix          int64        // context of the first main-thread call
	maxContext      int64
	deltas          []int64 // context change between consecutive calls, compactions excluded

	// later calls (not the first, not right after a compaction), and the
	// cold ones among them, after a long pause or not
	laterPause, coldPause int
	laterBusy, coldBusy   int

	compactions []compaction
	turns       int
	// durations in seconds, one sample per event
	pauses, tools, callSecs, firstBlockSecs []float64
	ends                                    []time.Time // each call's last line
	start, end                              time.Time
	version, model                          string
}

// cursor is the state between two main-thread calls: what happened since
// the previous one.
type cursor struct {
	prev    *call
	prevReq time.Time // when the previous request was sent
	// since the previous call:
	human     bool      // a prompt or slash command was entered
	humanAt   time.Time // the last one
	triggered bool      // a user line was written: the call's trigger
	trigger   time.Time
	kind      userKind
	unknown   bool // an unreadable line after the last user line: the trigger is not known
	compact   *compaction
}

// measureSession walks a session's main thread in order.
func measureSession(s *session) *measure {
	m := &measure{}
	for _, c := range s.sub {
		m.subCalls++
		m.sub.Add(c.tokens)
	}
	modelTokens := map[string]int64{}
	var cur cursor
	for _, e := range s.events() {
		switch e.kind {
		case lineUnreadable:
			cur.unknown = true
		case lineCompact:
			cur.noteCompaction(e.trigger, e.preTokens)
		case lineUser:
			// the latest line before the call is its trigger: an unreadable
			// line before it no longer hides what triggered the call
			cur.triggered, cur.trigger, cur.kind, cur.unknown = true, e.at, e.user, false
			switch e.user {
			case userPrompt, userCommand:
				cur.human, cur.humanAt = true, e.at
			case userCompactSummary:
				cur.noteCompaction("", 0)
			}
		case lineCall:
			m.addCall(e.call, &cur)
			modelTokens[e.call.model] += e.call.tokens.Total()
		}
	}
	if cur.compact != nil && cur.prev != nil {
		m.compactions = append(m.compactions, *cur.compact)
	}
	m.model = usage.MainModel(modelTokens)
	if m.calls == 0 && len(s.sub) > 0 {
		m.version, m.model = s.sub[0].version, s.sub[0].model
	}
	return m
}

// noteCompaction records a compaction since the previous call; a boundary
// line and the summary line after it are one compaction.
func (cur *cursor) noteCompaction(trigger string, pre int64) {
	if cur.compact == nil {
		before := int64(-1)
		if cur.prev != nil {
			before = cur.prev.tokens.Context()
		}
		cur.compact = &compaction{before: before, after: -1}
	}
	if cur.compact.trigger == "" {
		cur.compact.trigger = trigger
	}
	if cur.compact.pre == 0 {
		cur.compact.pre = pre
	}
}

// addCall measures one main-thread call against what came before it.
func (m *measure) addCall(c *call, cur *cursor) {
	ctx := c.tokens.Context()
	m.calls++
	m.main.Add(c.tokens)
	if c.final {
		m.finalCalls++
		m.final.Add(c.tokens)
	}
	m.maxContext = max(m.maxContext, ctx)
	known := cur.triggered && !cur.unknown
	req := c.first // when the request went out: its trigger line, else (unknown) its first line
	if known {
		req = cur.trigger
	}
	if cur.prev == nil {
		m.prefix, m.turns, m.start, m.version = ctx, 1, req, c.version
	} else {
		prev := cur.prev
		if cur.compact != nil {
			cur.compact.after = ctx
			m.compactions = append(m.compactions, *cur.compact)
		} else {
			m.deltas = append(m.deltas, ctx-prev.tokens.Context())
			cold := 2*c.tokens.CacheWrite() > ctx
			if req.Sub(cur.prevReq) > PauseForCacheExpiry {
				m.laterPause++
				m.coldPause += b2i(cold)
			} else {
				m.laterBusy++
				m.coldBusy += b2i(cold)
			}
		}
		switch {
		case cur.human:
			m.turns++
			if p := cur.humanAt.Sub(prev.last); p >= 0 {
				m.pauses = append(m.pauses, p.Seconds())
			}
		case known && cur.kind == userToolResult && prev.toolUse:
			if d := cur.trigger.Sub(prev.last); d >= 0 {
				m.tools = append(m.tools, d.Seconds())
			}
		}
	}
	if known {
		if d := c.last.Sub(cur.trigger); d >= 0 {
			m.callSecs = append(m.callSecs, d.Seconds())
		}
		if d := c.first.Sub(cur.trigger); d >= 0 {
			m.firstBlockSecs = append(m.firstBlockSecs, d.Seconds())
		}
	}
	m.ends = append(m.ends, c.last)
	if c.last.After(m.end) {
		m.end = c.last
	}
	*cur = cursor{prev: c, prevReq: req}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
