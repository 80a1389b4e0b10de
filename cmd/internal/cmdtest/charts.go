package cmdtest

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/tiers"
)

// ChartWidths are the widths every chart's golden files are drawn at.
var ChartWidths = []int{80, 120}

// ChartGoldens runs args with --chart=always at each of ChartWidths
// (COLUMNS), in Unicode and with --ascii, and holds each output to
// testdata/golden/<name>-<width>-<unicode|ascii>.txt. run gets the extra
// environment and the arguments.
func ChartGoldens(t *testing.T, name string, run func(t *testing.T, env map[string]string, args ...string) Result, args ...string) {
	t.Helper()
	for _, w := range ChartWidths {
		for _, ascii := range []bool{false, true} {
			form, extra := "unicode", []string{"--chart=always"}
			if ascii {
				form, extra = "ascii", append(extra, "--ascii")
			}
			file := name + "-" + strconv.Itoa(w) + "-" + form + ".txt"
			t.Run(file, func(t *testing.T) {
				r := run(t, map[string]string{"COLUMNS": strconv.Itoa(w)}, append(append([]string{}, args...), extra...)...)
				if r.Code != 0 {
					t.Fatalf("exit %d; stderr:\n%s", r.Code, r.Stderr)
				}
				for i, l := range strings.Split(r.Stdout, "\n") {
					if n := len([]rune(l)); n > w && !strings.HasPrefix(l, "(") {
						t.Errorf("line %d is %d columns wide, over %d: %q", i+1, n, w, l)
					}
					if ascii && strings.IndexFunc(l, func(r rune) bool { return r >= 0x2800 && r <= 0x28ff || r >= 0x2580 && r <= 0x259f }) >= 0 {
						t.Errorf("line %d of an ASCII chart has braille or blocks: %q", i+1, l)
					}
				}
				Golden(t, file, r.Stdout)
			})
		}
	}
}

// RunWithTableEnv is RunWithTable with environment variables.
func RunWithTableEnv(t testing.TB, run RunApp, tbl *tiers.Table, vars map[string]string, args ...string) Result {
	t.Helper()
	var out, errb bytes.Buffer
	env := cmdutil.Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return vars[k] },
		Now: func() time.Time { return time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC) }}
	code := WithTable(run, env, tbl, args...)
	return Result{code, out.String(), errb.String()}
}
