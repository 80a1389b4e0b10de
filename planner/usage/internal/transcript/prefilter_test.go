package transcript

import "testing"

func TestIsUserLine(t *testing.T) {
	cases := []struct {
		line string
		want bool
	}{
		{`{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"hi"}}`, true},
		{`{"parentUuid":"x","type":"user","message":{"content":[{"type":"tool_result"}]},"toolUseResult":{"usage":{"input_tokens":5}}}`, true},
		// An assistant line: its "type" follows the message, whose content may
		// quote "type":"user".
		{`{"parentUuid":"x","message":{"content":[{"type":"text","text":"{\"type\":\"user\"}"}],"usage":{}},"type":"assistant"}`, false},
		// Spaced JSON is not recognised and takes the full scan.
		{`{"type": "user", "message": {}}`, false},
		{`{"type":"summary","summary":"x"}`, false},
	}
	for _, c := range cases {
		if got := isUserLine([]byte(c.line)); got != c.want {
			t.Errorf("isUserLine(%s) = %v, want %v", c.line, got, c.want)
		}
	}
}
