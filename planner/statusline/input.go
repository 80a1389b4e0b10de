// Package statusline reads the JSON Claude Code gives its status-line
// command on stdin and turns it into what the status line says: the
// context used and left before auto-compaction, the session's cost, and
// for subscribers the official 5-hour and weekly windows with their pace
// and, when the pace runs out before the reset, when it would.
//
// Claude Code's input changes between versions and every field is
// optional: a field missing, null or of an unexpected type is left out
// (and noted, for --debug), never a reason to fail. The package never
// prints and never reads the clock.
package statusline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Input is what tierplan uses of Claude Code's status-line JSON. Text
// fields are as Claude Code sent them: escape them before showing them.
type Input struct {
	SessionID      string
	TranscriptPath string
	Cwd            string
	Version        string
	ModelID        string
	ModelName      string // model.display_name
	// SessionCostUSD is cost.total_cost_usd, Claude Code's own estimate of
	// the session's cost at list prices; nil when absent.
	SessionCostUSD *float64
	Context        ContextInput
	// Windows are the rate_limits entries (five_hour, seven_day, …), sorted
	// by name; only subscribers (a Claude.ai login) get them, and only after
	// the session's first response.
	Windows []WindowInput
}

// ContextInput is context_window: sizes in tokens, nil when absent.
type ContextInput struct {
	Size           *int64   // context_window_size
	UsedPercentage *float64 // used_percentage
	// Current is current_usage: the last request's input, cache write and
	// cache read (its context); nil when absent or null (before the
	// first response).
	Current *int64
}

// WindowInput is one entry of rate_limits.
type WindowInput struct {
	Name           string
	UsedPercentage *float64
	ResetsAt       time.Time // zero when absent or unreadable
}

// MaxInput is the most of stdin a run reads: Claude Code's input is a few
// kilobytes; anything far larger is not it.
const MaxInput = 1 << 20

// ErrNoInput is an empty stdin: Claude Code gave nothing, or the command
// was run by hand.
var ErrNoInput = errors.New("no input on stdin")

// Parse reads Claude Code's status-line JSON. It fails only when the input
// is not one JSON object; notes list the fields it had to leave out.
func Parse(b []byte) (in Input, notes []string, err error) {
	b = bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	if len(b) == 0 {
		return in, nil, ErrNoInput
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return in, nil, fmt.Errorf("not JSON: %s", jsonErrText(err))
	}
	if dec.More() {
		return in, nil, errors.New("not one JSON object: more follows it")
	}
	root, ok := top.(map[string]any)
	if !ok {
		return in, nil, fmt.Errorf("not a JSON object but %s", kindOf(top))
	}
	p := &picker{}
	in.SessionID = p.str(root, "session_id")
	in.TranscriptPath = p.str(root, "transcript_path")
	in.Cwd = p.str(root, "cwd")
	in.Version = p.str(root, "version")
	if m := p.obj(root, "model"); m != nil {
		in.ModelID, in.ModelName = p.str(m, "id"), p.str(m, "display_name")
	}
	if c := p.obj(root, "cost"); c != nil {
		in.SessionCostUSD = p.nonNegative(c, "cost.total_cost_usd")
	}
	if cw := p.obj(root, "context_window"); cw != nil {
		in.Context.Size = p.count(cw, "context_window.context_window_size")
		in.Context.UsedPercentage = p.nonNegative(cw, "context_window.used_percentage")
		if cu := p.obj(cw, "current_usage"); cu != nil {
			var sum int64
			seen := false
			for _, k := range []string{"input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"} {
				if n := p.count(cu, "context_window.current_usage."+k); n != nil {
					sum, seen = sum+*n, true
				}
			}
			if seen {
				in.Context.Current = &sum
			}
		}
	}
	if rl := p.obj(root, "rate_limits"); rl != nil {
		names := make([]string, 0, len(rl))
		for name := range rl {
			names = append(names, name)
		}
		sort.Strings(names) // notes in a stable order
		for _, name := range names {
			v := rl[name]
			w, ok := v.(map[string]any)
			if !ok {
				p.note("rate_limits.%s is %s, not an object", name, kindOf(v))
				continue
			}
			in.Windows = append(in.Windows, WindowInput{Name: name,
				UsedPercentage: p.nonNegative(w, "rate_limits."+name+".used_percentage"),
				ResetsAt:       p.time(w, "rate_limits."+name+".resets_at")})
		}
	}
	return in, p.notes, nil
}

// Window returns the rate_limits entry of that name.
func (in Input) Window(name string) (WindowInput, bool) {
	for _, w := range in.Windows {
		if w.Name == name {
			return w, true
		}
	}
	return WindowInput{}, false
}

// picker takes fields out of decoded JSON, noting those of the wrong type.
type picker struct{ notes []string }

func (p *picker) note(format string, a ...any) { p.notes = append(p.notes, fmt.Sprintf(format, a...)) }

// field is the last part of a dotted name: the key in its object.
func field(path string) string { return path[strings.LastIndexByte(path, '.')+1:] }

func (p *picker) obj(m map[string]any, key string) map[string]any {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	o, ok := v.(map[string]any)
	if !ok {
		p.note("%s is %s, not an object", key, kindOf(v))
	}
	return o
}

func (p *picker) str(m map[string]any, key string) string {
	v, ok := m[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.note("%s is %s, not a string", key, kindOf(v))
	}
	return s
}

// number reads a JSON number, or a string holding one (some clients quote
// them); nil when absent, null or not a finite number.
func (p *picker) number(m map[string]any, path string) *float64 {
	v, ok := m[field(path)]
	if !ok || v == nil {
		return nil
	}
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	default:
		p.note("%s is %s, not a number", path, kindOf(v))
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		p.note("%s is %q, not a number", path, s)
		return nil
	}
	return &f
}

// nonNegative is a number that may not be negative.
func (p *picker) nonNegative(m map[string]any, path string) *float64 {
	f := p.number(m, path)
	if f != nil && *f < 0 {
		p.note("%s is negative (%g)", path, *f)
		return nil
	}
	return f
}

// maxCount bounds a token count: no context holds a trillion tokens.
const maxCount = 1e12

// count is a whole, non-negative token count.
func (p *picker) count(m map[string]any, path string) *int64 {
	f := p.nonNegative(m, path)
	if f == nil {
		return nil
	}
	if *f > maxCount {
		p.note("%s is %g, too large to be a token count", path, *f)
		return nil
	}
	n := int64(math.Round(*f))
	return &n
}

// time reads a reset time: Unix seconds (as Claude Code sends it), Unix
// milliseconds, or an RFC 3339 string (as some versions did).
func (p *picker) time(m map[string]any, path string) time.Time {
	v, ok := m[field(path)]
	if !ok || v == nil {
		return time.Time{}
	}
	if s, isStr := v.(string); isStr {
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(s)); err == nil {
			return t.UTC()
		}
	}
	f := p.number(m, path)
	switch {
	case f == nil:
		return time.Time{}
	case *f >= 1e9 && *f < 1e11:
		return time.Unix(int64(*f), 0).UTC()
	case *f >= 1e12 && *f < 1e14:
		return time.UnixMilli(int64(*f)).UTC()
	}
	p.note("%s is %g, not a time", path, *f)
	return time.Time{}
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}

// jsonErrText is a decoding error without Go's type names.
func jsonErrText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "cut short"
	}
	return err.Error()
}
