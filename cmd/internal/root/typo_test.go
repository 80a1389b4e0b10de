package root

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// TestMistypedNamesGetOneLineWithTheNearest: `plan --session 5` once printed
// "unknown flag" and 46 lines of usage. A mistyped flag or command is one
// line naming the nearest one, and where the list is.
func TestMistypedNamesGetOneLineWithTheNearest(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"plan", "--session", "5"}, "tierplan: unknown flag --session: did you mean --sessions? (`tierplan plan --help` lists its flags)\n"},
		{[]string{"cost", "--tokns", "1M"}, "tierplan: unknown flag --tokns: did you mean --tokens? (`tierplan cost --help` lists its flags)\n"},
		{[]string{"simulate", "--tier", "start", "--dev", "3"}, "tierplan: unknown flag --dev: did you mean --devs? (`tierplan simulate --help` lists its flags)\n"},
		{[]string{"usage", "--tzz", "UTC"}, "tierplan: unknown flag --tzz: did you mean --tz? (`tierplan usage --help` lists its flags)\n"},
		{[]string{"plan", "--outptu", "json"}, "tierplan: unknown flag --outptu: did you mean --output? (`tierplan plan --help` lists its flags)\n"},
		{[]string{"plan", "--frobnicate"}, "tierplan: unknown flag --frobnicate (`tierplan plan --help` lists its flags)\n"},
		{[]string{"paln"}, "tierplan: unknown command \"paln\" for \"tierplan\": did you mean \"plan\"? (`tierplan --help` lists the commands)\n"},
		{[]string{"tiers", "shwo"}, "tierplan: unknown command \"shwo\" for \"tierplan tiers\": did you mean \"show\"? (`tierplan tiers --help` lists the commands)\n"},
	} {
		r := cmdtest.Run(t, Main, nil, "", c.args...)
		if r.Code != cmdutil.ExitUsage || r.Stderr != c.want {
			t.Errorf("tierplan %s: exit %d, stderr %q\nwant %q", strings.Join(c.args, " "), r.Code, r.Stderr, c.want)
		}
	}
}
