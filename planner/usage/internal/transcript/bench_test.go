package transcript

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// BenchmarkParseLine measures the scanner on one typical assistant line; BenchmarkParseLineStdlib decodes the same fields with encoding/json
// into a small struct, the alternative the choice of fastjson was measured
// against.
func BenchmarkParseLine(b *testing.B) {
	line := []byte(goodLine)
	lp := NewParser()
	b.SetBytes(int64(len(line)))
	for i := 0; i < b.N; i++ {
		if _, err := lp.Parse(line); err != nil {
			b.Fatal(err)
		}
	}
}

type stdlibLine struct {
	Type        string `json:"type"`
	Timestamp   string `json:"timestamp"`
	SessionID   string `json:"sessionId"`
	Cwd         string `json:"cwd"`
	IsSidechain bool   `json:"isSidechain"`
	RequestID   string `json:"requestId"`
	Message     *struct {
		ID    string `json:"id"`
		Model string `json:"model"`
		Usage *struct {
			Input         int64 `json:"input_tokens"`
			Output        int64 `json:"output_tokens"`
			CacheCreation int64 `json:"cache_creation_input_tokens"`
			CacheRead     int64 `json:"cache_read_input_tokens"`
			Breakdown     *struct {
				M5 int64 `json:"ephemeral_5m_input_tokens"`
				H1 int64 `json:"ephemeral_1h_input_tokens"`
			} `json:"cache_creation"`
		} `json:"usage"`
	} `json:"message"`
}

func BenchmarkParseLineStdlib(b *testing.B) {
	line := []byte(goodLine)
	b.SetBytes(int64(len(line)))
	for i := 0; i < b.N; i++ {
		var l stdlibLine
		if err := json.Unmarshal(line, &l); err != nil {
			b.Fatal(err)
		}
		if _, err := time.Parse(time.RFC3339Nano, l.Timestamp); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrefilter runs the prefilter on a 20 kB tool-result line, the
// bulk of a real transcript's bytes, which must be scanned whole.
func BenchmarkPrefilter(b *testing.B) {
	line := scanLine()
	b.SetBytes(int64(len(line)))
	for i := 0; i < b.N; i++ {
		if MayCarryUsage(line) {
			b.Fatal("matched")
		}
	}
}

// BenchmarkPrefilterUserLine is the same size of line as a tool result: the
// envelope alone rules it out, whatever its length.
func BenchmarkPrefilterUserLine(b *testing.B) {
	line := []byte(`{"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"` +
		strings.Repeat(`func main() { fmt.Println(\"hello\", x[\"key\"]) }\n`, 400) + `"}]},"uuid":"u","timestamp":"2025-11-04T09:00:00Z"}`)
	b.SetBytes(int64(len(line)))
	for i := 0; i < b.N; i++ {
		if MayCarryUsage(line) {
			b.Fatal("matched")
		}
	}
}

// scanLine is a line the prefilter must scan whole: not a user line, and
// without usage (a progress line carrying tool output).
func scanLine() []byte {
	return []byte(`{"type":"progress","data":{"content":"` +
		strings.Repeat(`func main() { fmt.Println(\"hello\", x[\"key\"]) }\n`, 400) + `"},"uuid":"u","timestamp":"2025-11-04T09:00:00Z"}`)
}

func BenchmarkPrefilterStdlib(b *testing.B) {
	line := scanLine()
	b.SetBytes(int64(len(line)))
	for i := 0; i < b.N; i++ {
		if bytes.Contains(line, usageMarker) || bytes.Contains(line, apiErrorMarker) {
			b.Fatal("matched")
		}
	}
}
