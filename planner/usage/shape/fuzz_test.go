package shape

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valyala/fastjson"

	"github.com/tierplan/tierplan/planner/usage"
)

// fixtureLines are every line of the committed history: the fuzz seeds.
func fixtureLines(f *testing.F) []string {
	f.Helper()
	var out []string
	err := filepath.Walk(fixture, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".jsonl") {
			return err
		}
		b, err := os.ReadFile(p)
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			out = append(out, sc.Text())
		}
		return err
	})
	if err != nil || len(out) == 0 {
		f.Fatalf("reading the fixture: %v (%d lines)", err, len(out))
	}
	return out
}

// FuzzParseLine: any bytes either parse or give an error; never a panic,
// never a negative or absurd token count, never a call without a time.
func FuzzParseLine(f *testing.F) {
	for _, l := range fixtureLines(f) {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var p fastjson.Parser
		l, err := parseLine(&p, b)
		if err != nil {
			return
		}
		tk := l.tokens
		for _, n := range []int64{tk.Input, tk.Output, tk.CacheWrite5m, tk.CacheWrite1h, tk.CacheRead, l.preTokens} {
			if n < 0 || n > maxCount {
				t.Fatalf("token count %d from %q", n, b)
			}
		}
		if (l.kind == lineCall || l.kind == lineUser || l.kind == lineCompact) && l.at.IsZero() {
			t.Fatalf("kind %v without a time from %q", l.kind, b)
		}
	})
}

// FuzzRead: a whole file of any content is read and measured without a
// panic; every line is counted; shares stay within 0 and 1, durations and
// sizes are never negative.
func FuzzRead(f *testing.F) {
	// each fixture file a seed: small inputs keep minimising fast
	err := filepath.Walk(fixture, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && strings.HasSuffix(p, ".jsonl") {
			b, err := os.ReadFile(p)
			f.Add(string(b))
			return err
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(threeCalls)
	f.Add("\xEF\xBB\xBF" + threeCalls[:len(threeCalls)/2])
	f.Fuzz(func(t *testing.T, content string) {
		fsys := memFS{"s.jsonl": content}
		if strings.HasPrefix(content, "ERR:") || strings.HasPrefix(content, "IOERR:") {
			return
		}
		c := Read(fsys, []usage.LogFile{logFile("s.jsonl", "s")}, ReadOptions{})
		body := strings.TrimPrefix(content, "\xEF\xBB\xBF") // the reader drops a leading byte-order mark
		want := strings.Count(body, "\n")
		if body != "" && !strings.HasSuffix(body, "\n") {
			want++
		}
		if c.Stats.Lines != want {
			t.Fatalf("%d lines counted, %d in the input", c.Stats.Lines, want)
		}
		rep := Analyze(c, Options{MinWorkCalls: 1})
		check := func(where, name, unit string, v float64) {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 && !strings.HasPrefix(name, "growth") || unit == UnitShare && v > 1 {
				t.Fatalf("%s: %s = %v", where, name, v)
			}
		}
		units := map[string]string{}
		for _, f := range rep.Figures {
			units[f.Name] = f.Unit
			for _, p := range []*float64{f.Median, f.P10, f.P90, f.Pooled} {
				if p != nil {
					check("aggregate", f.Name, f.Unit, *p)
				}
			}
		}
		for _, s := range rep.Sessions {
			for name, v := range s.Figures {
				check(s.SessionID, name, units[name], v)
			}
		}
	})
}
