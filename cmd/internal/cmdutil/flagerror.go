package cmdutil

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/internal/suggest"
)

// unknownFlag is pflag's message for a long flag it does not know. It is
// compiled on first use, not at package init: only a mistyped flag needs
// it, and every command's process start would pay for it.
var unknownFlag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown flag: --([^\s=]+)`) })

// FlagError turns a flag pflag refused into one line: an unknown flag
// names the nearest one the command has ("did you mean --sessions?") and
// where the list is, instead of the whole usage; other flag errors keep
// the usage.
func FlagError(c *cobra.Command, err error) error {
	help := fmt.Sprintf("`%s --help` lists its flags", c.CommandPath())
	if m := unknownFlag().FindStringSubmatch(err.Error()); m != nil {
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if s := suggest.Closest(m[1], names); s != "" {
			return BriefUsageErrorf("unknown flag --%s: did you mean --%s? (%s)", m[1], s, help)
		}
		return BriefUsageErrorf("unknown flag --%s (%s)", m[1], help)
	}
	if strings.HasPrefix(err.Error(), "unknown shorthand flag") {
		return BriefUsageErrorf("%v (%s)", err, help)
	}
	return WrapUsage(err)
}
