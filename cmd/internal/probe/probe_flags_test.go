package probe

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/probe"
)

// Test_NewCmdProbe checks what the flags parse into, without running.
func Test_NewCmdProbe(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdProbe, []cmdtest.FlagCase[Options]{
		{Name: "defaults", Want: Options{BaseURL: probe.DefaultBaseURL, Model: probe.DefaultModel, Timeout: 30 * time.Second}},
		{Name: "every flag", Args: []string{"--base-url", "http://127.0.0.1:1", "--model", "claude-haiku-4-5", "--timeout", "2s", "--watch", "1m", "--log", "l.jsonl"},
			Want: Options{BaseURL: "http://127.0.0.1:1", Model: "claude-haiku-4-5", Timeout: 2 * time.Second, Watch: time.Minute, LogPath: "l.jsonl"}},
		{Name: "an argument", Args: []string{"x"}, WantErr: `unknown command "x" for "probe"`, Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_probeRun runs probe on options set directly against a local server,
// with buffers: the flags are checked before the key, and the key before
// any request.
func Test_probeRun(t *testing.T) {
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		w.Header().Set("date", "Tue, 14 Apr 2026 10:00:00 GMT")
		w.Header().Set("anthropic-ratelimit-requests-limit", "50")
		w.Header().Set("anthropic-ratelimit-requests-remaining", "49")
		_, _ = w.Write([]byte(`{"id":"msg_01","type":"message"}`))
	}))
	defer srv.Close()
	tests := []struct {
		name    string
		opts    Options
		key     string
		usage   bool
		wantErr string // "" when the reading succeeds
	}{
		{name: "a malformed base URL", opts: Options{BaseURL: "ht!tp://x", Timeout: time.Second}, key: "k", usage: true, wantErr: "--base-url: "},
		{name: "no timeout", opts: Options{BaseURL: srv.URL}, key: "k", usage: true, wantErr: "--timeout 0s: must be positive"},
		{name: "a watch too often", opts: Options{BaseURL: srv.URL, Timeout: time.Second, Watch: 10 * time.Second}, key: "k", usage: true,
			wantErr: "--watch 10s: polls must be at least 30s apart, since each one spends a request"},
		{name: "no key", opts: Options{BaseURL: srv.URL, Timeout: time.Second}, wantErr: "ANTHROPIC_API_KEY is not set"},
		{name: "one reading", opts: Options{BaseURL: srv.URL, Model: "m", Timeout: time.Second}, key: "k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requests = 0
			app, out, _ := cmdtest.App(cmdtest.DiagnoseTable(), render.FormatTable)
			app.Env.Getenv = func(k string) string {
				if k == "ANTHROPIC_API_KEY" {
					return tt.key
				}
				return ""
			}
			app.Env.HTTP = srv.Client()
			opts := tt.opts
			opts.App = app
			err := probeRun(&opts)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) || cmdutil.IsUsage(err) != tt.usage || requests != 0 {
					t.Fatalf("error %v after %d requests; want %q (usage %t) and none", err, requests, tt.wantErr, tt.usage)
				}
				return
			}
			if err != nil || requests != 1 || !strings.HasPrefix(out.String(), "Verdict:   200 success") {
				t.Fatalf("error %v after %d requests:\n%s", err, requests, out)
			}
		})
	}
}
