package diagnose

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdDiagnose checks what the flags and arguments parse into,
// without running.
func Test_NewCmdDiagnose(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdDiagnose, []cmdtest.FlagCase[Options]{
		{Name: "a file", Args: []string{"resp.txt"}, Want: Options{Args: []string{"resp.txt"}}},
		{Name: "flags", Args: []string{"--status", "429", "-H", "retry-after: 3", "--header", "x: y", "--now", "2026-04-14T10:00:00Z", "--tz", "Europe/Berlin"},
			Want: Options{Status: "429", StatusSet: true, Headers: []string{"retry-after: 3", "x: y"}, Now: "2026-04-14T10:00:00Z", TZ: "Europe/Berlin", Args: []string{}}},
		{Name: "an empty --status is given, not absent", Args: []string{"--status", "", "-"},
			Want: Options{StatusSet: true, Args: []string{"-"}}},
		{Name: "two files", Args: []string{"a", "b"}, WantErr: "accepts at most 1 arg(s), received 2", Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_diagnoseRun runs diagnose on options set directly, with the small
// test table and buffers.
func Test_diagnoseRun(t *testing.T) {
	fixture := filepath.Join("..", "..", "..", "planner", "diagnose", "testdata", "pastes", "http-rate-limit-itpm.txt")
	tests := []struct {
		name    string
		opts    Options
		source  string // the report's source; "" when a usage error is wanted
		limit   string
		wantErr string
	}{
		{name: "a file", opts: Options{Args: []string{fixture}}, source: fixture, limit: "itpm"},
		{name: "flags alone", opts: Options{Status: "429", StatusSet: true, Now: "2026-04-14T10:00:00Z",
			Headers: []string{"anthropic-ratelimit-requests-remaining: 0", "anthropic-ratelimit-requests-reset: 2026-04-14T10:00:05Z"}},
			source: "flags", limit: "rpm"},
		{name: "a file and flags", opts: Options{Args: []string{fixture}, Headers: []string{"retry-after: 3"}},
			wantErr: "give a FILE or --status/--header, not both: the flags would replace parts of " + fixture},
		{name: "a status out of range", opts: Options{Status: "99", StatusSet: true}, wantErr: "--status 99: an HTTP status code is 100-599"},
		{name: "a bad --now", opts: Options{Now: "soon"}, wantErr: `--now "soon": expected an RFC 3339 time such as 2026-04-14T10:00:00Z`},
		{name: "a bad --tz", opts: Options{TZ: "Nowhere/Else"}, wantErr: `--tz "Nowhere/Else": unknown time zone (use an IANA name such as Europe/Berlin, or UTC)`},
		{name: "nothing to read", opts: Options{}, wantErr: "nothing to diagnose: give a FILE, - for stdin, or --status and --header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, _ := cmdtest.App(cmdtest.DiagnoseTable(), render.FormatJSON)
			app.Env.Stdin = nil // no piped input: the flags or a file must carry the response
			opts := tt.opts
			opts.App = app
			err := diagnoseRun(&opts)
			if tt.wantErr != "" {
				if !cmdutil.IsUsage(err) || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want the usage error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var rep struct {
				Source string `json:"source"`
				Limit  string `json:"limit"`
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Source != tt.source || rep.Limit != tt.limit {
				t.Errorf("source %q, limit %q; want %q, %q", rep.Source, rep.Limit, tt.source, tt.limit)
			}
			if strings.Contains(out.String(), "\"tier\": null") {
				t.Errorf("no tier advice although the table was loaded:\n%s", out)
			}
		})
	}
}
