package edit_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// fakeEditor is a scripted editor: on its Nth run it exits with the code in
// exitN if that file exists, else copies editN over the file it was given
// (if that exists), else leaves the file alone. Flags before the file
// ("--wait") are skipped, as `code --wait` would take them.
type fakeEditor struct {
	dir string
	t   *testing.T
}

const fakeEditorScript = `dir=$1; shift
while [ "${1#--}" != "$1" ]; do shift; done
n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo $n > "$dir/count"
if [ -f "$dir/exit$n" ]; then exit $(cat "$dir/exit$n"); fi
if [ -f "$dir/edit$n" ]; then cp "$dir/edit$n" "$1"; fi
`

func newFakeEditor(t *testing.T) *fakeEditor {
	if runtime.GOOS == "windows" {
		t.Skip("the fake editor is a shell script")
	}
	e := &fakeEditor{dir: t.TempDir(), t: t}
	cmdtest.WriteFile(t, filepath.Join(e.dir, "editor.sh"), []byte(fakeEditorScript), 0o755)
	return e
}

// command is the $EDITOR value: a command line with arguments.
func (e *fakeEditor) command() string {
	return "sh " + filepath.Join(e.dir, "editor.sh") + " " + e.dir + " --wait"
}

func (e *fakeEditor) onRun(n int, content string) {
	cmdtest.WriteFile(e.t, filepath.Join(e.dir, "edit"+strconv.Itoa(n)), []byte(content), 0o644)
}

func (e *fakeEditor) failOnRun(n int, code string) {
	cmdtest.WriteFile(e.t, filepath.Join(e.dir, "exit"+strconv.Itoa(n)), []byte(code), 0o644)
}

func (e *fakeEditor) runs() string {
	data, err := os.ReadFile(filepath.Join(e.dir, "count"))
	if err != nil {
		return "0"
	}
	return strings.TrimSpace(string(data))
}

// The start tier's sonnet-4 line, and edits of it.
const startSonnet = "      sonnet-4:   {rpm: 1000, itpm: 2000000, otpm: 400000}"

func editedDefault(t *testing.T, old, new string) string {
	t.Helper()
	s := string(tierplan.DefaultTiers)
	if strings.Count(s, old) != 1 {
		t.Fatalf("%q is not unique in the default table", old)
	}
	return strings.Replace(s, old, new, 1)
}

var raisedITPM = "      sonnet-4:   {rpm: 1000, itpm: 3000000, otpm: 400000}"

func TestTiersEditValidSave(t *testing.T) {
	ed := newFakeEditor(t)
	cfg := t.TempDir()
	user := filepath.Join(cfg, "tierplan", "tiers.yaml")
	cmdtest.WriteFile(t, user, tierplan.DefaultTiers, 0o600)
	ed.onRun(1, editedDefault(t, startSonnet, raisedITPM))

	r := runTierplan(t, map[string]string{"XDG_CONFIG_HOME": cfg, "EDITOR": ed.command()}, "", "tiers", "edit")
	if r.Code != 0 {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
	want := "saved " + user + " (20 models, 4 tiers, 5 plans; as of 2026-11-26)\n" +
		"1 change against the previous file:\n" +
		"  ~ tier start: limits.sonnet-4.itpm 2,000,000 → 3,000,000\n" +
		"note: as_of is still 2026-11-26; set it to the date you read the new figures\n"
	if r.Stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.Stdout, want)
	}
	if got := string(cmdtest.ReadFile(t, user)); !strings.Contains(got, raisedITPM) {
		t.Error("the edit was not saved")
	}
	if st, _ := os.Stat(user); st.Mode().Perm() != 0o600 {
		t.Errorf("permissions became %v, want 0600", st.Mode().Perm())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(user), ".tiers.yaml.*")); len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestTiersEditInvalidThenFixed(t *testing.T) {
	ed := newFakeEditor(t)
	cfg := t.TempDir()
	user := filepath.Join(cfg, "tierplan", "tiers.yaml")
	ed.onRun(1, editedDefault(t, startSonnet, "      sonnet-4:   {rpm: 0, itpm: 2000000, otpm: 400000}"))
	ed.onRun(2, editedDefault(t, startSonnet, raisedITPM))

	// No user file yet: the edit starts from the built-in table and creates it.
	r := runTierplan(t, map[string]string{"XDG_CONFIG_HOME": cfg, "VISUAL": ed.command(), "EDITOR": "false"}, "\n", "tiers", "edit")
	if r.Code != 0 || ed.runs() != "2" {
		t.Fatalf("exit %d after %s editor runs; stderr %q", r.Code, ed.runs(), r.Stderr)
	}
	line := lineOf(t, string(tierplan.DefaultTiers), startSonnet)
	wantErr := user + ":" + line + ": tier start sonnet-4: rpm must be positive, found 0 (omit it when there is no such limit)\nedit again? [Y/n] "
	if r.Stderr != wantErr {
		t.Errorf("stderr:\n%q\nwant:\n%q", r.Stderr, wantErr)
	}
	if !strings.Contains(r.Stdout, "1 change against the built-in table:") {
		t.Errorf("stdout: %s", r.Stdout)
	}
	if got := string(cmdtest.ReadFile(t, user)); !strings.Contains(got, raisedITPM) {
		t.Error("the fixed table was not saved")
	}
	if st, _ := os.Stat(user); st.Mode().Perm() != 0o644 {
		t.Errorf("new file permissions %v, want 0644", st.Mode().Perm())
	}
}

func TestTiersEditDeclined(t *testing.T) {
	for _, answer := range []string{"n\n", ""} { // "no", and no answer at all
		ed := newFakeEditor(t)
		target := filepath.Join(t.TempDir(), "team.yaml")
		cmdtest.WriteFile(t, target, tierplan.DefaultTiers, 0o644)
		broken := editedDefault(t, startSonnet, "      sonnet-9:   {rpm: 1000}")
		ed.onRun(1, broken)

		r := runTierplan(t, map[string]string{"EDITOR": ed.command()}, answer, "tiers", "edit", target)
		if r.Code != cmdutil.ExitError || ed.runs() != "1" {
			t.Fatalf("answer %q: exit %d after %s runs", answer, r.Code, ed.runs())
		}
		if !bytes.Equal(cmdtest.ReadFile(t, target), tierplan.DefaultTiers) {
			t.Fatal("a declined edit changed the file")
		}
		m := regexp.MustCompile(`left as it was; your edits are kept in (\S+): ` + "`tierplan tiers edit --resume " + regexp.QuoteMeta(target) + "` reopens them\n$").FindStringSubmatch(r.Stderr)
		if m == nil {
			t.Fatalf("stderr does not say where the edits are:\n%s", r.Stderr)
		}
		if string(cmdtest.ReadFile(t, m[1])) != broken {
			t.Error("the kept copy does not hold the edits")
		}
		os.RemoveAll(filepath.Dir(m[1]))
	}
}

func TestTiersEditAborted(t *testing.T) {
	ed := newFakeEditor(t)
	target := filepath.Join(t.TempDir(), "team.yaml")
	cmdtest.WriteFile(t, target, tierplan.DefaultTiers, 0o644)
	ed.failOnRun(1, "3")
	r := runTierplan(t, map[string]string{"EDITOR": ed.command()}, "", "tiers", "edit", target)
	want := "tierplan: the editor failed (exit status 3); " + target + " left as it was\n"
	if r.Code != cmdutil.ExitError || r.Stderr != want {
		t.Fatalf("exit %d, stderr %q, want %q", r.Code, r.Stderr, want)
	}
	if !bytes.Equal(cmdtest.ReadFile(t, target), tierplan.DefaultTiers) {
		t.Fatal("an aborted edit changed the file")
	}
}

func TestTiersEditUnchanged(t *testing.T) {
	ed := newFakeEditor(t)
	cfg := t.TempDir()
	user := filepath.Join(cfg, "tierplan", "tiers.yaml")
	r := runTierplan(t, map[string]string{"XDG_CONFIG_HOME": cfg, "EDITOR": ed.command()}, "", "tiers", "edit")
	if r.Code != 0 || r.Stdout != "no changes; "+user+" left as it was\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.Code, r.Stdout, r.Stderr)
	}
	if _, err := os.Stat(user); !os.IsNotExist(err) {
		t.Fatal("an unchanged edit created the user file")
	}
}

func TestTiersEditNoEditor(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "edit")
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "set $VISUAL or $EDITOR") {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// lineOf is the 1-based line number of the line holding s.
func lineOf(t *testing.T, text, s string) string {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("%q not found", s)
	return ""
}

// TestTiersEditKeepsSymlink: a user file that is a link into a dotfiles
// checkout stays a link; the file it points to gets the edit.
func TestTiersEditKeepsSymlink(t *testing.T) {
	ed := newFakeEditor(t)
	real := filepath.Join(t.TempDir(), "dotfiles", "tiers.yaml")
	cmdtest.WriteFile(t, real, tierplan.DefaultTiers, 0o644)
	link := filepath.Join(t.TempDir(), "tiers.yaml")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	ed.onRun(1, editedDefault(t, startSonnet, raisedITPM))
	r := runTierplan(t, map[string]string{"EDITOR": ed.command()}, "", "tiers", "edit", link)
	if r.Code != 0 {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a file")
	}
	if !strings.Contains(string(cmdtest.ReadFile(t, real)), raisedITPM) {
		t.Fatal("the linked file did not get the edit")
	}
}

// exampleDir holds the example tables, seen from this package.
const exampleDir = "../../../../tiers/examples/"

// runTierplan runs tierplan in-process (cmdtest.Run), with the example
// tables' directory written as from the repository root.
func runTierplan(t *testing.T, env map[string]string, stdin string, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.Run(t, root.Main, env, stdin, args...).Scrub(exampleDir, "tiers/examples/")
}
