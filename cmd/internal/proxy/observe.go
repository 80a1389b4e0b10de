package proxy

import (
	"bytes"
	"io"

	"github.com/valyala/fastjson"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
)

// Bounds on what the observer keeps while a response passes through.
const (
	// maxEventLine bounds one SSE line; longer lines (never message_start or
	// message_delta, which are small) pass through unread.
	maxEventLine = 1 << 20
	// maxJSONBody bounds a JSON response kept for its usage: 128k output
	// tokens are about half a megabyte.
	maxJSONBody = 8 << 20
)

var jsonParsers fastjson.ParserPool

// usageWatch reads the usage of a response from the bytes the proxy copies
// to the client, without holding the stream back: an SSE stream's
// message_start and message_delta events, or a JSON body's usage and
// error.type. It never keeps a body beyond what that takes.
type usageWatch struct {
	sse bool

	line     []byte
	overlong bool
	event    string

	json    bytes.Buffer
	tooBig  bool
	Usage   store.Usage
	Model   string
	ErrType string
	// Started and Finished are set by message_start and message_delta (or a
	// JSON body with usage): a stream cut before message_delta has an
	// incomplete count of output tokens.
	Started, Finished bool
}

// Write feeds the watch with bytes as they pass; it never fails.
func (w *usageWatch) Write(p []byte) (int, error) {
	if !w.sse {
		if !w.tooBig {
			if w.json.Len()+len(p) > maxJSONBody {
				w.tooBig = true
				w.json = bytes.Buffer{}
			} else {
				w.json.Write(p)
			}
		}
		return len(p), nil
	}
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			w.appendLine(p)
			break
		}
		w.appendLine(p[:i])
		if !w.overlong {
			w.handleLine(bytes.TrimSuffix(w.line, []byte{'\r'}))
		}
		w.line, w.overlong = w.line[:0], false
		p = p[i+1:]
	}
	return n, nil
}

func (w *usageWatch) appendLine(p []byte) {
	if w.overlong || len(w.line)+len(p) > maxEventLine {
		w.overlong = true
		return
	}
	w.line = append(w.line, p...)
}

// handleLine reads one SSE line: "event: NAME" sets the event of the data
// lines that follow, up to a blank line.
func (w *usageWatch) handleLine(l []byte) {
	switch {
	case len(l) == 0:
		w.event = ""
	case bytes.HasPrefix(l, []byte("event:")):
		w.event = string(bytes.TrimSpace(l[len("event:"):]))
	case bytes.HasPrefix(l, []byte("data:")):
		switch w.event {
		case "message_start", "message_delta", "error", "":
			w.data(bytes.TrimSpace(l[len("data:"):]))
		}
	}
}

func (w *usageWatch) data(d []byte) {
	if w.event == "" && !bytes.Contains(d, []byte(`"message_`)) && !bytes.Contains(d, []byte(`"error"`)) {
		return
	}
	p := jsonParsers.Get()
	defer jsonParsers.Put(p)
	v, err := p.ParseBytes(d)
	if err != nil {
		return
	}
	switch string(v.GetStringBytes("type")) {
	case "message_start":
		m := v.Get("message")
		w.Model = string(m.GetStringBytes("model"))
		readUsage(m.Get("usage"), &w.Usage)
		w.Started = true
	case "message_delta":
		readUsage(v.Get("usage"), &w.Usage)
		w.Finished = true
	case "error":
		w.ErrType = string(v.GetStringBytes("error", "type"))
	}
}

// Close reads a JSON body's usage, model and error type once it is whole.
func (w *usageWatch) Close() error {
	if w.sse || w.tooBig || w.json.Len() == 0 {
		return nil
	}
	p := jsonParsers.Get()
	defer jsonParsers.Put(p)
	v, err := p.ParseBytes(w.json.Bytes())
	w.json = bytes.Buffer{}
	if err != nil {
		return nil
	}
	if u := v.Get("usage"); u != nil {
		readUsage(u, &w.Usage)
		w.Started, w.Finished = true, true
	}
	w.Model = string(v.GetStringBytes("model"))
	w.ErrType = string(v.GetStringBytes("error", "type"))
	return nil
}

// readUsage copies the counts a usage object has into u; counts it lacks
// (message_delta often carries only output_tokens) stay as they were. The
// cache write is split by time to live where the API says so.
func readUsage(v *fastjson.Value, u *store.Usage) {
	if v == nil || v.Type() != fastjson.TypeObject {
		return
	}
	get := func(keys ...string) (int64, bool) {
		x := v.Get(keys...)
		if x == nil {
			return 0, false
		}
		n, err := x.Int64()
		return max(n, 0), err == nil
	}
	if n, ok := get("input_tokens"); ok {
		u.Input = n
	}
	if n, ok := get("output_tokens"); ok {
		u.Output = n
	}
	if n, ok := get("cache_read_input_tokens"); ok {
		u.CacheRead = n
	}
	total, hasTotal := get("cache_creation_input_tokens")
	h1, has1h := get("cache_creation", "ephemeral_1h_input_tokens")
	m5, has5m := get("cache_creation", "ephemeral_5m_input_tokens")
	switch {
	case has1h || has5m:
		u.CacheWrite1h, u.CacheWrite5m = h1, m5
		if hasTotal && total > h1+m5 {
			u.CacheWrite5m = total - h1
		}
	case hasTotal:
		u.CacheWrite5m, u.CacheWrite1h = total, 0
	}
}

// watchedBody is a response body that feeds a usageWatch as the client
// reads it and tells the proxy on every read, so an idle stream can be
// timed out.
type watchedBody struct {
	io.ReadCloser
	watch  *usageWatch
	onRead func(n int)
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		_, _ = b.watch.Write(p[:n])
	}
	b.onRead(n)
	return n, err
}
