package simulate_test

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/simulate"
)

// Every flag of simulate that takes a number, a duration or a switch fails
// on a bad value with one line naming the flag, never with pflag's
// "strconv.ParseUint: parsing ..." text.
func TestSimulateFlagParseErrors(t *testing.T) {
	exact := map[string]string{
		"--seed=-5":                          `invalid value for --seed: "-5" is not a seed (a whole number from 1)`,
		"--days=x":                           `invalid value for --days: "x" is not a whole number`,
		"--runs=1.5":                         `invalid value for --runs: "1.5" is not a whole number`,
		"--spent=abc":                        `invalid value for --spent: "abc" is not a number`,
		"--window=5x":                        `invalid value for --window: "5x" is not a duration (8s, 3m, 1h30m)`,
		"--window=500ms":                     `invalid value for --window: "500ms": must be at least 1s`,
		"--max-retries=99999999999999999999": `invalid value for --max-retries: "99999999999999999999" is out of range`,
		"--seed=18446744073709551616":        `invalid value for --seed: "18446744073709551616" is not a seed (a whole number from 1)`,
		"--ignore-retry-after=maybe":         `invalid value for --ignore-retry-after: "maybe" is not true or false`,
	}
	for arg, want := range exact {
		_, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-1", arg)
		first, _, _ := strings.Cut(errOut, "\n")
		if code != cmdutil.ExitUsage || first != "tierplan: "+want {
			t.Errorf("%s: exit %d, %q; want %q", arg, code, first, want)
		}
	}
	// All of them, whatever their type: "x" is never a valid value. Text
	// flags are left out, and --model, a name the tier table judges.
	cmd := simulate.NewCmdSimulate(cmdutil.NewApp(cmdutil.Env{}), nil)
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Value.Type() == "string" || f.Value.Type() == "stringArray" || f.Name == "model" {
			return
		}
		arg := "--" + f.Name + "=x"
		_, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-1", arg)
		first, _, _ := strings.Cut(errOut, "\n")
		if code != cmdutil.ExitUsage || !strings.HasPrefix(first, "tierplan: invalid value for --"+f.Name+`: "x" `) ||
			strings.Contains(first, "strconv") || strings.Contains(first, "time: invalid") {
			t.Errorf("%s (%s): exit %d, %q", arg, f.Value.Type(), code, first)
		}
	})
	// Errors that are not about a value keep their own words.
	_, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-1", "--nope")
	if code != cmdutil.ExitUsage || errOut != "tierplan: unknown flag --nope (`tierplan simulate --help` lists its flags)\n" {
		t.Errorf("unknown flag: exit %d, %q", code, errOut)
	}
}
