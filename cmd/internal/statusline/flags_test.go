package statusline

import (
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

func Test_NewCmdStatusline(t *testing.T) {
	app, _, _ := cmdtest.App(nil, render.FormatTable)
	cmdtest.CheckFlags(t, app, NewCmdStatusline, []cmdtest.FlagCase[Options]{
		{Name: "defaults", Args: []string{}, Want: Options{Width: 80, Color: "auto"}},
		{Name: "all", Args: []string{"--width", "120", "--color", "always", "-z", "UTC", "--debug", "--history", "h.log", "--no-day-cost", "--headers", "p.log", "--proxy", "http://proxy.internal:8080"},
			Want: Options{Width: 120, Color: "always", TZ: "UTC", Debug: true, History: "h.log", NoDayCost: true, Headers: "p.log", Proxy: "http://proxy.internal:8080"}},
		{Name: "no history", Args: []string{"--no-history"}, Want: Options{Width: 80, Color: "auto", NoHistory: true}},
		{Name: "an argument", Args: []string{"input.json"}, WantErr: "unknown command", Usage: true},
		{Name: "width not a number", Args: []string{"--width", "wide"}, WantErr: "invalid argument"},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}
