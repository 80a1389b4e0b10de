package root

import (
	"regexp"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// placeholder is a word in capitals (FILE, OLD=NEW, HH:MM) or a quoted
// example ('name: value').
var placeholder = regexp.MustCompile(`^([A-Z][A-Z0-9_=:]*|'[^']+')$`)

// TestHelpPlaceholdersAreTypedWords: every flag that takes a value shows
// what it takes as a word (N, TOKENS, SHARE, FILE, DATE), never pflag's
// Go type (string, int, float, duration).
func TestHelpPlaceholdersAreTypedWords(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.Value.Type() == "bool" || f.Hidden {
				return
			}
			name, _ := pflag.UnquoteUsage(f)
			if !placeholder.MatchString(name) {
				t.Errorf("%s --%s shows %q; give it a word in backquotes in its usage", c.CommandPath(), f.Name, name)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewCmdRoot(cmdutil.NewApp(cmdutil.Env{})))
}

// TestRootHelpHasExamples: the first screen a new user reads shows the
// commands at work.
func TestRootHelpHasExamples(t *testing.T) {
	if NewCmdRoot(cmdutil.NewApp(cmdutil.Env{})).Example == "" {
		t.Error("the root command has no examples")
	}
}
