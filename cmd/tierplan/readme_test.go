package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/internal/testflag"
)

// update rewrites the README's example outputs with what the commands print.
var update = testflag.Update

// readmeNow is the clock the README's examples run at, so that a table's
// age reads the same in every run; the comparison ignores the number of
// days anyway, which depends on the day a reader runs the command.
var readmeNow = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

// example is one `$ tierplan …` line of the README with the text under it.
type example struct {
	line     int // of the command, 1-based
	env      map[string]string
	command  string
	expected string
	start    int // byte offsets of the expected text in the README
	end      int
	skip     string // why the README says not to check it
}

// skipMark, on the line before a fenced block, keeps the test from running
// its commands, and says why ("<!-- example not checked: needs your logs -->").
const skipMark = "<!-- example not checked: "

// examples finds every command of a fenced block that starts with
// "$ tierplan " and the output printed under it, up to the next "$ " line
// or the end of the block.
func examples(readme string) []example {
	var out []example
	lines := strings.SplitAfter(readme, "\n")
	offset, inFence := 0, false
	skip := ""
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
		case strings.HasPrefix(trimmed, skipMark):
			skip = strings.TrimSuffix(strings.TrimPrefix(trimmed, skipMark), " -->")
		case strings.HasPrefix(trimmed, "```"):
			if inFence {
				closeCur(offset)
				skip = ""
			}
			inFence = !inFence
		case inFence && strings.HasPrefix(trimmed, "$ "):
			closeCur(offset)
			env, cmd := splitEnv(strings.TrimPrefix(trimmed, "$ "))
			if strings.HasPrefix(cmd, "tierplan ") {
				cur = &example{line: i + 1, env: env, command: strings.TrimPrefix(cmd, "tierplan "), start: offset + len(l), skip: skip}
			}
		}
		offset += len(l)
	}
	return out
}

// splitEnv takes leading NAME=value words (values may be quoted) off a
// command line.
func splitEnv(line string) (map[string]string, string) {
	env := map[string]string{}
	for {
		name, rest, ok := strings.Cut(line, "=")
		if !ok || name == "" || strings.ContainsAny(name, " \"'") {
			return env, line
		}
		words := fields(rest)
		if len(words) == 0 {
			return env, line
		}
		// The value is the first word as the shell reads it; the rest of
		// the line starts after it.
		end := wordEnd(rest)
		env[name] = words[0]
		line = strings.TrimLeft(rest[end:], " ")
	}
}

// wordEnd is the byte just past the first shell word of s.
func wordEnd(s string) int {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '\'' || c == '"':
			quote = c
		case c == ' ':
			return i
		}
	}
	return len(s)
}

// runnable reports whether an example is a plain command the test can run
// in-process: no pipe, output redirection, substitution or home directory
// (a file given on stdin, "< FILE" at the end, is fine: see stdinOf).
func runnable(cmd string) bool {
	return !strings.ContainsAny(cmd, "|>$~`")
}

// sandbox is a temporary directory that holds links to every top-level
// entry of the repository, so examples read the repository's files while
// the files they write land in the sandbox.
func sandbox(t *testing.T, repo string) string {
	dir := t.TempDir()
	entries, err := os.ReadDir(repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Symlink(filepath.Join(repo, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	return dir
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

// stdinOf splits "command < FILE" into the command and FILE ("" when the
// command reads no file on stdin).
func stdinOf(cmd string) (string, string) {
	before, file, ok := strings.Cut(cmd, " < ")
	if !ok || strings.ContainsAny(file, " <") {
		return cmd, ""
	}
	return before, file
}

var daysOld = regexp.MustCompile(`is \d+ days old`)

// TestREADMEExamples runs every runnable `$ tierplan …` example of the
// README from the repository's root, as a reader of a fresh clone would,
// and compares what it prints (stderr, then stdout) with the text under
// it. With -update it rewrites those texts instead.
func TestREADMEExamples(t *testing.T) {
	path, readme := readREADME(t)
	repo := filepath.Dir(path)
	box := sandbox(t, repo)
	if strings.Contains(readme, historyCommand) {
		writeHistory(t, repo, filepath.Join(box, "history"))
	}
	t.Chdir(box)
	home := "/home/you"
	var rewritten strings.Builder
	last := 0
	ran := 0
	for _, ex := range examples(readme) {
		if !runnable(ex.command) || ex.skip != "" {
			continue
		}
		ran++
		command, stdinFile := stdinOf(ex.command)
		stdin := ""
		if stdinFile != "" {
			b, err := os.ReadFile(stdinFile)
			if err != nil {
				t.Fatalf("README.md:%d: %v", ex.line, err)
			}
			stdin = string(b)
		}
		// What an example keeps (a cache, the window history) lands in
		// directories of its own, never the user's, and no example sees
		// another's.
		// The config directory is a reader's (/home/you/.config), empty, so
		// no developer's own tier table changes an example.
		dirs := map[string]string{"HOME": home, "XDG_CONFIG_HOME": home + "/.config", "XDG_STATE_HOME": t.TempDir(), "XDG_CACHE_HOME": t.TempDir()}
		var stdout, stderr bytes.Buffer
		env := cmdutil.Env{
			Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr,
			Getenv: func(k string) string {
				if v, ok := ex.env[k]; ok {
					return v
				}
				return dirs[k]
			},
			Now: func() time.Time { return readmeNow },
		}
		root.Main(fields(command), env)
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

// historyCommand is the README's command that writes the Claude Code
// history its usage examples read: twelve generated sessions over three
// days, the same on every machine.
const historyCommand = "go test ./planner/usage -run TestWriteHistory -args -write-history history -sessions 12"

// writeHistory runs historyCommand from the repository, writing to dir, as
// a reader of the README does before its usage examples.
func writeHistory(t *testing.T, repo, dir string) {
	t.Helper()
	args := strings.Fields(historyCommand)
	for i, a := range args {
		if a == "history" {
			args[i] = dir
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", historyCommand, err, out)
	}
}

// readREADME is the repository's README: its absolute path and its text.
func readREADME(t *testing.T) (path, text string) {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, string(data)
}
