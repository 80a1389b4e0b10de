package proxy

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
)

// feed writes s to a watch in pieces of n bytes, as a network would.
func feed(w *usageWatch, s string, n int) {
	for len(s) > 0 {
		k := min(n, len(s))
		_, _ = w.Write([]byte(s[:k]))
		s = s[k:]
	}
	_ = w.Close()
}

func TestUsageWatchStream(t *testing.T) {
	stream := strings.Join(sseEvents, "")
	for _, piece := range []int{1, 3, 17, 4096} {
		w := &usageWatch{sse: true}
		feed(w, stream, piece)
		want := store.Usage{Input: 12, Output: 57, CacheWrite5m: 10, CacheWrite1h: 30, CacheRead: 300}
		if w.Usage != want || w.Model != "claude-sonnet-4-5-20250929" || !w.Started || !w.Finished {
			t.Fatalf("pieces of %d: %+v %q %v %v", piece, w.Usage, w.Model, w.Started, w.Finished)
		}
	}
}

func TestUsageWatchOddInput(t *testing.T) {
	cases := []struct {
		name, in string
		sse      bool
		want     store.Usage
		errType  string
		finished bool
	}{
		{"json body", `{"id":"m","model":"claude-haiku-4-5","usage":{"input_tokens":5,"output_tokens":9,"cache_creation_input_tokens":7,"cache_read_input_tokens":2}}`,
			false, store.Usage{Input: 5, Output: 9, CacheWrite5m: 7, CacheRead: 2}, "", true},
		{"json error", `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`, false, store.Usage{}, "overloaded_error", false},
		{"not json", `<html>bad gateway</html>`, false, store.Usage{}, "", false},
		{"stream cut after start", "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\nevent: content_block_delta\ndata: {\"type\":\"con",
			true, store.Usage{Input: 3, Output: 1}, "", false},
		{"error event", "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}\n\n", true, store.Usage{}, "overloaded_error", false},
		{"data without event lines", "data: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":4}}\n\n", true, store.Usage{Output: 4}, "", true},
		{"negative and fractional counts", "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":-4,\"input_tokens\":2.5}}\n\n",
			true, store.Usage{}, "", true},
		{"bad json in data", "event: message_start\ndata: {nope\n\n", true, store.Usage{}, "", false},
		{"1h cache total larger than the split", `{"usage":{"cache_creation_input_tokens":50,"cache_creation":{"ephemeral_1h_input_tokens":20,"ephemeral_5m_input_tokens":10}}}`,
			false, store.Usage{CacheWrite5m: 30, CacheWrite1h: 20}, "", true},
	}
	for _, tc := range cases {
		w := &usageWatch{sse: tc.sse}
		feed(w, tc.in, 5)
		if w.Usage != tc.want || w.ErrType != tc.errType || w.Finished != tc.finished {
			t.Errorf("%s: usage %+v error %q finished %v", tc.name, w.Usage, w.ErrType, w.Finished)
		}
	}
	// A line longer than the limit passes unread, and what follows is read.
	w := &usageWatch{sse: true}
	feed(w, "data: "+strings.Repeat("x", maxEventLine+10)+"\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":8}}\n\n", 1<<16)
	if w.Usage.Output != 8 {
		t.Fatalf("after an overlong line: %+v", w.Usage)
	}
}

func FuzzUsageWatch(f *testing.F) {
	f.Add(strings.Join(sseEvents, ""), true, 7)
	f.Add(`{"usage":{"input_tokens":5,"output_tokens":9}}`, false, 3)
	f.Add("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":1e30}}}\n", true, 1)
	f.Fuzz(func(t *testing.T, in string, sse bool, piece int) {
		w := &usageWatch{sse: sse}
		feed(w, in, max(piece%64, 1))
		u := w.Usage
		if u.Input < 0 || u.Output < 0 || u.CacheRead < 0 || u.CacheWrite5m < 0 || u.CacheWrite1h < 0 {
			t.Fatalf("negative usage %+v", u)
		}
		if len(w.line) > maxEventLine {
			t.Fatalf("kept a line of %d bytes", len(w.line))
		}
	})
}
