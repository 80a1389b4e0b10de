package diagnose_test

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// TestReadmeDiagnoseExamples runs every diagnose example of the README from
// the repository root, as a reader would, and checks the README shows what
// it prints: each "$ tierplan diagnose …" block's output (stderr warnings
// aside), each "$ cat FILE" block's fixture, and each row of the "what you
// can paste" table's verdict.
func TestReadmeDiagnoseExamples(t *testing.T) {
	t.Chdir("../../..")
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := sectionOf(t, string(readme), "## `diagnose` and `probe`", "### `probe`")
	blocks := regexp.MustCompile("(?s)```\n(.*?)```").FindAllStringSubmatch(section, -1)
	ran := 0
	for _, b := range blocks {
		lines := strings.Split(strings.TrimSuffix(b[1], "\n"), "\n")
		cmd := lines[0]
		// Warnings go to stderr; the README shows what a terminal shows,
		// and the repository-wide README test checks them.
		lines = slices.DeleteFunc(lines[1:], func(l string) bool { return strings.HasPrefix(l, "tierplan: warning: ") })
		want := strings.Join(lines, "\n")
		switch {
		case strings.HasPrefix(cmd, "$ cat "):
			fixture, _ := os.ReadFile(strings.TrimPrefix(cmd, "$ cat "))
			var body []string
			for _, l := range strings.Split(strings.TrimSpace(string(fixture)), "\n") {
				if !strings.HasPrefix(l, "#") {
					body = append(body, l)
				}
			}
			if got := strings.Join(body, "\n"); got != want {
				t.Errorf("%s: the README shows\n%s\nbut the file holds\n%s", cmd, want, got)
			}
		case strings.HasPrefix(cmd, "$ tierplan diagnose"), strings.HasPrefix(cmd, "$ printf"):
			ran++
			if got := runReadmeCommand(t, cmd); got != want {
				t.Errorf("%s\nthe README shows:\n%s\nit prints:\n%s", cmd, want, got)
			}
		}
	}
	rows := regexp.MustCompile("`tierplan (diagnose [^`]+)` \\| `([a-z_]+)(?:/([a-z0-9_]+))?` \\|").FindAllStringSubmatch(section, -1)
	for _, r := range rows {
		ran++
		var rep struct{ Kind, Limit string }
		if err := json.Unmarshal([]byte(runReadmeCommand(t, "$ tierplan "+r[1]+" -o json")), &rep); err != nil {
			t.Fatalf("%s: %v", r[1], err)
		}
		if rep.Kind != r[2] || rep.Limit != r[3] {
			t.Errorf("%s: %s/%s, the README says %s/%s", r[1], rep.Kind, rep.Limit, r[2], r[3])
		}
	}
	if ran < 30 {
		t.Fatalf("only %d examples found in the README's diagnose section", ran)
	}
}

func sectionOf(t *testing.T, doc, from, to string) string {
	t.Helper()
	i, j := strings.Index(doc, from), strings.Index(doc, to)
	if i < 0 || j < i {
		t.Fatalf("README has no section %q … %q", from, to)
	}
	return doc[i:j]
}

// runReadmeCommand runs "$ tierplan diagnose ARGS" or "$ printf 'X' |
// tierplan diagnose ARGS" and returns stdout, or stderr when it fails, with
// the tier table's staleness warning left out (it depends on the day).
func runReadmeCommand(t *testing.T, line string) string {
	t.Helper()
	stdin := ""
	line = strings.TrimPrefix(line, "$ ")
	if strings.HasPrefix(line, "printf ") {
		left, right, _ := strings.Cut(line, " | ")
		s, err := strconv.Unquote(`"` + strings.Trim(strings.TrimPrefix(left, "printf "), "'") + `"`)
		if err != nil {
			t.Fatalf("%s: %v", left, err)
		}
		stdin, line = s, right
	}
	args := shellWords(t, strings.TrimPrefix(line, "tierplan "))
	if args[0] == "diagnose" && !slices.Contains(args, "--now") && stdin == "" {
		t.Errorf("%s: a README example of diagnose sets --now, so it reproduces on any day", line)
	}
	var out, errb bytes.Buffer
	cfg := t.TempDir()
	code := root.Main(args, cmdutil.Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return cfg
			}
			return ""
		},
		Now: time.Now,
	})
	got := out.String()
	if code != 0 {
		got += errb.String()
	}
	var kept []string
	for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if !strings.HasPrefix(l, "tierplan: warning: tier table") {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// shellWords splits a command line the way a POSIX shell would for the
// README's examples: words, 'single' and "double" quotes.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case '\'', '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				t.Fatalf("unbalanced quote in %q", s)
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
