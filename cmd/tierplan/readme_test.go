package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

var update = flag.Bool("update", false, "rewrite the README's example outputs with what the commands print")

// readmeNow is the clock the README's examples run at, so that a table's
// age reads the same in every run; the comparison ignores the number of
// days anyway, which depends on the day a reader runs the command.
var readmeNow = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

// example is one `$ tierplan …` line of the README with the text under it.
type example struct {
	line     int // of the command, 1-based
	command  string
	expected string
	start    int // byte offsets of the expected text in the README
	end      int
}

// examples finds every command of a fenced block that starts with
// "$ tierplan " and the output printed under it, up to the next "$ " line
// or the end of the block.
func examples(readme string) []example {
	var out []example
	lines := strings.SplitAfter(readme, "\n")
	offset, inFence := 0, false
	var cur *example
	closeCur := func(at int) {
		if cur != nil {
			cur.end = at
			cur.expected = readme[cur.start:cur.end]
			out = append(out, *cur)
			cur = nil
		}
	}
	for i, l := range lines {
		trimmed := strings.TrimRight(l, "\n")
		switch {
		case strings.HasPrefix(trimmed, "```"):
			if inFence {
				closeCur(offset)
			}
			inFence = !inFence
		case inFence && strings.HasPrefix(trimmed, "$ "):
			closeCur(offset)
			if strings.HasPrefix(trimmed, "$ tierplan ") {
				cur = &example{line: i + 1, command: strings.TrimPrefix(trimmed, "$ tierplan "), start: offset + len(l)}
			}
		}
		offset += len(l)
	}
	return out
}

// runnable reports whether an example is a plain command the test can run
// in-process: no pipe, redirection, substitution or home directory.
func runnable(cmd string) bool {
	return !strings.ContainsAny(cmd, "|>$~`")
}

// fields splits a command line as a shell would for the README's simple
// quoting: words, and single- or double-quoted strings.
func fields(s string) []string {
	var out []string
	var cur strings.Builder
	quote, inWord := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

var daysOld = regexp.MustCompile(`is \d+ days old`)

// TestREADMEExamples runs every runnable `$ tierplan …` example of the
// README from the repository's root, as a reader of a fresh clone would,
// and compares what it prints (stderr, then stdout) with the text under
// it. With -update it rewrites those texts instead.
func TestREADMEExamples(t *testing.T) {
	path, err := filepath.Abs(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	t.Chdir(filepath.Dir(path))
	home := t.TempDir()
	var rewritten strings.Builder
	last := 0
	ran := 0
	for _, ex := range examples(readme) {
		if !runnable(ex.command) {
			continue
		}
		ran++
		var stdout, stderr bytes.Buffer
		env := cmdutil.Env{
			Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
			Getenv: func(k string) string {
				if k == "HOME" {
					return home
				}
				return ""
			},
			Now: func() time.Time { return readmeNow },
		}
		root.Main(fields(ex.command), env)
		got := stderr.String() + stdout.String()
		if *update {
			rewritten.WriteString(readme[last:ex.start])
			rewritten.WriteString(got)
			last = ex.end
			continue
		}
		norm := func(s string) string { return daysOld.ReplaceAllString(s, "is N days old") }
		if d := cmp.Diff(norm(ex.expected), norm(got)); d != "" {
			t.Errorf("README.md:%d: tierplan %s: output differs (-README +now):\n%s", ex.line, ex.command, d)
		}
	}
	if *update {
		rewritten.WriteString(readme[last:])
		if err := os.WriteFile(path, []byte(rewritten.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if ran < 10 {
		t.Fatalf("only %d runnable examples found in the README", ran)
	}
}
