package pull

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/tiers/ratelimits"
)

// Test_NewCmdPull: the path (the user's file by default) and the flags.
func Test_NewCmdPull(t *testing.T) {
	env := cmdutil.Env{Getenv: func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return "/cfg"
		}
		return ""
	}}
	defaults := Options{Path: "/cfg/tierplan/tiers.yaml", As: DefaultTier, BaseURL: ratelimits.DefaultBaseURL, Timeout: 30 * time.Second}
	cmdtest.CheckFlags(t, cmdutil.NewApp(env), NewCmdPull, []cmdtest.FlagCase[Options]{
		{Name: "defaults", Args: []string{}, Want: defaults},
		{Name: "everything", Args: []string{"--as", "build", "--workspace", "wrkspc_1", "--diff", "--base-url", "http://127.0.0.1:9", "--timeout", "2s", "--force", "t.yaml"},
			Want: Options{Path: "t.yaml", As: "build", Workspace: "wrkspc_1", Diff: true, BaseURL: "http://127.0.0.1:9", Timeout: 2 * time.Second, Force: true}},
		{Name: "stdout", Args: []string{"-"}, Want: Options{Path: "-", As: DefaultTier, BaseURL: ratelimits.DefaultBaseURL, Timeout: 30 * time.Second}},
		{Name: "no timeout", Args: []string{"--timeout", "0s"}, WantErr: "--timeout 0s: give a positive duration", Usage: true},
		{Name: "two paths", Args: []string{"a", "b"}, WantErr: "accepts at most 1 arg", Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}
