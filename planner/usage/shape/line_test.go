package shape

import (
	"strings"
	"testing"

	"github.com/valyala/fastjson"
)

const ts = `"timestamp":"2025-11-03T10:00:00.000Z"`

// Lines that cannot be read are errors with a reason, never a guess.
func TestParseLineBadInputs(t *testing.T) {
	cases := []struct{ name, line, want string }{
		{"empty", ``, "invalid JSON"},
		{"not JSON", `garbage`, "invalid JSON"},
		{"cut short", `{"type":"user","message":{"role":"user","content":"hi"`, "invalid JSON"},
		{"array", `[1,2]`, "not a JSON object"},
		{"string", `"user"`, "not a JSON object"},
		{"user without timestamp", `{"type":"user","message":{"content":"hi"}}`, "no timestamp"},
		{"call without timestamp", `{"type":"assistant","message":{"id":"m","usage":{"input_tokens":1}}}`, "no timestamp"},
		{"bad timestamp", `{"type":"user","timestamp":"yesterday","message":{"content":"hi"}}`, `bad timestamp "yesterday"`},
		{"timestamp past the year bound", `{"type":"user","timestamp":"9999-01-01T00:00:00Z","message":{"content":"hi"}}`, `timestamp "9999-01-01T00:00:00Z" is past year 9998`},
		{"long bad timestamp, quoted in part", `{"type":"user","timestamp":"` + strings.Repeat("x", 60) + `","message":{"content":"hi"}}`, `bad timestamp "` + strings.Repeat("x", 40) + `"`},
		{"timestamp a number", `{"type":"user","timestamp":1730000000,"message":{"content":"hi"}}`, "no timestamp"},
		{"compact without timestamp", `{"type":"system","subtype":"compact_boundary"}`, "no timestamp"},
		{"usage an array", `{"type":"assistant",` + ts + `,"message":{"id":"m","usage":[1]}}`, "message.usage is not an object"},
		{"tokens a string", `{"type":"assistant",` + ts + `,"message":{"id":"m","usage":{"input_tokens":"lots"}}}`, `usage.input_tokens is "lots"`},
		{"tokens negative", `{"type":"assistant",` + ts + `,"message":{"id":"m","usage":{"output_tokens":-5}}}`, "usage.output_tokens is -5"},
		{"tokens fractional", `{"type":"assistant",` + ts + `,"message":{"id":"m","usage":{"cache_read_input_tokens":1.5}}}`, "usage.cache_read_input_tokens is 1.5"},
		{"tokens absurd", `{"type":"assistant",` + ts + `,"message":{"id":"m","usage":{"input_tokens":1000000000001}}}`, "not a token count"},
		{"breakdown bad", `{"type":"assistant",` + ts + `,"message":{"id":"m","usage":{"cache_creation":{"ephemeral_1h_input_tokens":true}}}}`, "usage.ephemeral_1h_input_tokens is true"},
		{"preTokens bad", `{"type":"system","subtype":"compact_boundary",` + ts + `,"compactMetadata":{"preTokens":"many"}}`, `compactMetadata.preTokens is "many"`},
	}
	var p fastjson.Parser
	for _, c := range cases {
		_, err := parseLine(&p, []byte(c.line))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// Lines that are fine but carry nothing for the shape, or less than usual.
func TestParseLineKinds(t *testing.T) {
	cases := []struct {
		name, line string
		kind       lineKind
	}{
		{"summary", `{"type":"summary","summary":"t","leafUuid":"x"}`, lineIgnored},
		{"unknown type", `{"type":"worktree-state","foo":1}`, lineIgnored},
		{"hook system line", `{"type":"system","content":"Running hook",` + ts + `}`, lineIgnored},
		{"no type, no message", `{"foo":1}`, lineIgnored},
		{"assistant without usage", `{"type":"assistant",` + ts + `,"message":{"id":"m"}}`, lineIgnored},
		{"assistant with null usage", `{"type":"assistant",` + ts + `,"message":{"id":"m","usage":null}}`, lineIgnored},
		{"assistant, message a string", `{"type":"assistant",` + ts + `,"message":"hi"}`, lineIgnored},
		{"synthetic model", `{"type":"assistant",` + ts + `,"message":{"model":"<synthetic>","usage":{"input_tokens":0}}}`, lineAPIError},
		{"api error flag", `{"type":"assistant","isApiErrorMessage":true,"message":{"usage":{}}}`, lineAPIError},
		{"usage without type", `{` + ts + `,"message":{"id":"m","usage":{"input_tokens":3}}}`, lineCall},
		{"empty usage", `{"type":"assistant",` + ts + `,"message":{"id":"m","usage":{}}}`, lineCall},
		{"user, message missing", `{"type":"user",` + ts + `}`, lineUser},
		{"compact without metadata", `{"type":"system","subtype":"compact_boundary",` + ts + `}`, lineCompact},
	}
	var p fastjson.Parser
	for _, c := range cases {
		l, err := parseLine(&p, []byte(c.line))
		if err != nil || l.kind != c.kind {
			t.Errorf("%s: kind %v, error %v; want kind %v", c.name, l.kind, err, c.kind)
		}
	}
}

func TestParseCallLine(t *testing.T) {
	line := `{"parentUuid":"p","isSidechain":false,"cwd":"/w","sessionId":"s1","version":"2.0.31","agentId":"a7",` +
		`"message":{"id":"msg_1","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"x"},{"type":"tool_use","id":"t"}],` +
		`"stop_reason":"tool_use","usage":{"input_tokens":6,"cache_creation_input_tokens":2140,"cache_read_input_tokens":18452,` +
		`"cache_creation":{"ephemeral_5m_input_tokens":40,"ephemeral_1h_input_tokens":2100},"output_tokens":187}},` +
		`"requestId":"req_1","type":"assistant","uuid":"u1","timestamp":"2025-11-04T09:12:09.882+01:00"}`
	var p fastjson.Parser
	l, err := parseLine(&p, []byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if l.kind != lineCall || l.msgID != "msg_1" || l.reqID != "req_1" || !l.final || !l.toolUse || !l.sidechain ||
		l.agentID != "a7" || l.sessionID != "s1" || l.version != "2.0.31" || l.cwd != "/w" {
		t.Errorf("got %+v", l)
	}
	// the breakdown is the cache write, as usage tools count it
	if tk := l.tokens; tk.Input != 6 || tk.CacheWrite5m != 40 || tk.CacheWrite1h != 2100 || tk.CacheRead != 18452 || tk.Output != 187 {
		t.Errorf("tokens %+v", tk)
	}
	if got := l.at.Format("15:04:05.000"); got != "08:12:09.882" {
		t.Errorf("time %s, want 08:12:09.882 UTC", got)
	}
	// no stop reason (null, or empty) means the output count may be partial
	for _, sr := range []string{`null`, `""`} {
		l, _ = parseLine(&p, []byte(`{"type":"assistant",`+ts+`,"message":{"id":"m","stop_reason":`+sr+`,"usage":{"output_tokens":3}}}`))
		if l.final {
			t.Errorf("stop_reason %s read as final", sr)
		}
	}
}

// What a user line means for the turns: Claude Code marks its own lines by
// flags and by prefixes of the text.
func TestClassifyUser(t *testing.T) {
	cases := []struct {
		name, fields string
		want         userKind
	}{
		{"prompt string", `"message":{"role":"user","content":"add pagination"}`, userPrompt},
		{"prompt blocks", `"message":{"content":[{"type":"text","text":"fix it"}]}`, userPrompt},
		{"prompt with ide context first", `"message":{"content":[{"type":"text","text":"<ide_opened_file>a.go</ide_opened_file>"},{"type":"text","text":"fix it"}]}`, userPrompt},
		{"image only", `"message":{"content":[{"type":"image","source":{}}]}`, userPrompt},
		{"tool result", `"message":{"content":[{"type":"tool_result","tool_use_id":"t","content":"ok"}]}`, userToolResult},
		{"tool result with text", `"message":{"content":[{"type":"text","text":"hi"},{"type":"tool_result","tool_use_id":"t"}]}`, userToolResult},
		{"tool result, content empty", `"toolUseResult":{"stdout":""},"message":{"content":[]}`, userToolResult},
		{"meta", `"isMeta":true,"message":{"content":"Caveat: The messages below were generated by the user while running local commands."}`, userMeta},
		{"no content", `"message":{"role":"user"}`, userMeta},
		{"empty blocks", `"message":{"content":[]}`, userMeta},
		{"command", `"message":{"content":"<command-name>/clear</command-name>\n<command-message>clear</command-message>"}`, userCommand},
		{"old command", `"message":{"content":"<command-message>init is analyzing your codebase…</command-message>\n<command-name>/init</command-name>"}`, userCommand},
		{"local output", `"message":{"content":"<local-command-stdout>See ya!</local-command-stdout>"}`, userLocal},
		{"local caveat", `"message":{"content":"<local-command-caveat>Caveat</local-command-caveat>"}`, userLocal},
		{"shell mode", `"message":{"content":"<bash-input>go test ./...</bash-input>"}`, userLocal},
		{"shell output", `"message":{"content":"  <bash-stdout>ok</bash-stdout>"}`, userLocal},
		{"interrupt", `"message":{"content":[{"type":"text","text":"[Request interrupted by user]"}]}`, userInterrupt},
		{"interrupt for tool use", `"message":{"content":[{"type":"text","text":"[Request interrupted by user for tool use]"}]}`, userInterrupt},
		{"compact summary flag", `"isCompactSummary":true,"message":{"content":"This session is being continued…"}`, userCompactSummary},
		{"old compact summary", `"message":{"content":"This session is being continued from a previous conversation that ran out of context."}`, userCompactSummary},
	}
	var p fastjson.Parser
	for _, c := range cases {
		l, err := parseLine(&p, []byte(`{"type":"user",`+ts+`,`+c.fields+`}`))
		if err != nil || l.kind != lineUser || l.user != c.want {
			t.Errorf("%s: user kind %v (err %v), want %v", c.name, l.user, err, c.want)
		}
	}
}
