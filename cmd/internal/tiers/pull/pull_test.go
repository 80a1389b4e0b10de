package pull_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/tiers"
)

const key = "sk-ant-admin01-do-not-print-me"

// Two pages: the Sonnet 4.x group, then the batch group and a limiter type
// this build does not know, named with a terminal escape.
var pages = map[string]string{
	"": `{"data":[{"type":"rate_limit","group":{"type":"model_group","id":"rlg_s4","display_name":"Claude Sonnet 4.x"},"group_type":"model_group",
	      "models":["claude-sonnet-4-6","claude-sonnet-4-5-20250929"],
	      "limits":[{"type":"requests_per_minute","value":4000},{"type":"input_tokens_per_minute","value":6000000},{"type":"output_tokens_per_minute","value":1200000}]}],
	      "next_page":"p2"}`,
	"p2": `{"data":[{"type":"rate_limit","group":{"type":"batch","id":"rlg_b"},"group_type":"batch","models":null,"limits":[{"type":"enqueued_batch_requests","value":500000}]},
	      {"type":"rate_limit","group":{"type":"model_group","id":"rlg_o","display_name":"Claude Opus 5.5"},"group_type":"model_group","models":["claude-opus-5-5"],
	       "limits":[{"type":"requests_per_minute","value":4000},{"type":"\u001b[31mfast_rpm","value":10}]}],"next_page":null}`,
}

// api is the Rate Limits API on 127.0.0.1.
func api(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") != key {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key ` + r.Header.Get("x-api-key") + `"}}`))
			return
		}
		body, ok := pages[r.URL.Query().Get("page")]
		if !ok || r.URL.Path != "/v1/organizations/rate_limits" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func run(t *testing.T, env map[string]string, args ...string) cmdtest.Result {
	t.Helper()
	r := cmdtest.Run(t, root.Main, env, "", args...)
	for _, s := range []string{r.Stdout, r.Stderr} {
		if strings.Contains(s, key) || strings.Contains(s, "\x1b") {
			t.Fatalf("the key or a raw escape was printed:\n%s", s)
		}
	}
	return r
}

func TestPullWritesTheTable(t *testing.T) {
	srv := api(t)
	path := filepath.Join(t.TempDir(), "tiers.yaml")
	env := map[string]string{"ANTHROPIC_ADMIN_KEY": key}
	r := run(t, env, "tiers", "pull", "--base-url", srv.URL, path)
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	if want := "wrote " + path + ": tier my-org holds your organisation's limits for 2 pools (source: your organisation's Rate Limits API, 2026-11-28)\n"; r.Stdout != want {
		t.Errorf("stdout %q, want %q", r.Stdout, want)
	}
	for _, note := range []string{
		`tierplan: note: limiter type "\x1b[31mfast_rpm" is not modelled; left out`,
		"tierplan: note: tier my-org is new and has no spend cap",
	} {
		if !strings.Contains(r.Stderr, note) {
			t.Errorf("stderr lacks %q:\n%s", note, r.Stderr)
		}
	}
	data := cmdtest.ReadFile(t, path)
	if strings.Contains(string(data), key) {
		t.Fatal("the key was written to the table")
	}
	tb, err := tiers.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	tier, _ := tb.Tier("my-org")
	if tier.Limits["sonnet-4"] != (tiers.Limits{RPM: 4000, ITPM: 6_000_000, OTPM: 1_200_000}) || tier.Batch.QueueRequests != 500_000 {
		t.Errorf("tier %+v", tier)
	}
	// plan reads the pulled tier from the file.
	p := run(t, nil, "plan", "--tiers", path, "--only", "my-org", "--sessions", "4")
	if p.Code != 0 || !strings.Contains(p.Stdout, "my-org") {
		t.Errorf("plan on the pulled table: exit %d\n%s%s", p.Code, p.Stdout, p.Stderr)
	}

	// A second pull does not replace the file without --force; with it,
	// the old file is kept beside it.
	cmdtest.WriteFile(t, path, append(data, []byte("# mine\n")...), 0o600)
	r = run(t, env, "tiers", "pull", "--base-url", srv.URL, path)
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "already exists; --force replaces it (the old file is kept as "+path+".bak)") {
		t.Fatalf("without --force: exit %d, stderr %q", r.Code, r.Stderr)
	}
	r = run(t, env, "tiers", "pull", "--base-url", srv.URL, "--as", "build", "--force", path)
	if r.Code != 0 {
		t.Fatalf("--force: exit %d: %s", r.Code, r.Stderr)
	}
	if bak := cmdtest.ReadFile(t, path+".bak"); !strings.HasSuffix(string(bak), "# mine\n") {
		t.Error("the replaced file was not kept")
	}
	if st, _ := os.Stat(path + ".bak"); st.Mode().Perm() != 0o600 {
		t.Errorf(".bak mode %v", st.Mode().Perm())
	}
}

func TestPullGolden(t *testing.T) {
	srv := api(t)
	cmdtest.CheckGolden(t, func(t *testing.T, args ...string) cmdtest.Result {
		return run(t, map[string]string{"ANTHROPIC_ADMIN_KEY": key}, append(args, "--base-url", srv.URL)...)
	}, []cmdtest.GoldenRun{
		{Name: "pull-diff-build.txt", Args: []string{"tiers", "pull", "--diff", "--as", "build"}, Code: 1},
		{Name: "pull-diff-new.json", Args: []string{"tiers", "pull", "--diff", "-o", "json"}, Code: 1},
	})
}

func TestPullFailures(t *testing.T) {
	srv := api(t)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	t.Cleanup(slow.Close)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+r.URL.Path, http.StatusFound)
	}))
	t.Cleanup(redirect.Close)
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"no key", nil, []string{"--base-url", srv.URL}, cmdutil.ExitUsage, "tierplan: set ANTHROPIC_ADMIN_KEY to an Admin API key"},
		{"wrong key", map[string]string{"ANTHROPIC_ADMIN_KEY": key + "x"}, []string{"--base-url", srv.URL}, cmdutil.ExitError, "tierplan: HTTP 401 authentication_error: invalid x-api-key [key]"},
		{"timeout", map[string]string{"ANTHROPIC_ADMIN_KEY": key}, []string{"--base-url", slow.URL, "--timeout", "200ms"}, cmdutil.ExitError, "tierplan: timed out: no answer from 127.0.0.1"},
		{"redirect", map[string]string{"ANTHROPIC_ADMIN_KEY": key}, []string{"--base-url", redirect.URL}, cmdutil.ExitError, "tierplan: HTTP 302 redirect: the server answered with a redirect; not followed"},
		{"bad base URL", map[string]string{"ANTHROPIC_ADMIN_KEY": key}, []string{"--base-url", "file:///etc/passwd"}, cmdutil.ExitError, `tierplan: base URL "file:///etc/passwd": want http(s)://host`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "t.yaml")
			r := run(t, c.env, append([]string{"tiers", "pull", path}, c.args...)...)
			if r.Code != c.code || !strings.HasPrefix(r.Stderr, c.want) {
				t.Fatalf("exit %d, stderr %q; want %d, %q", r.Code, r.Stderr, c.code, c.want)
			}
			if _, err := os.Stat(path); err == nil {
				t.Error("a failed pull wrote the table")
			}
		})
	}
}

// pull --diff fits a terminal of 60 or 80 columns as tiers diff does, and
// --wide shows every column.
func TestPullDiffFitsTheTerminal(t *testing.T) {
	srv := api(t)
	for _, width := range []int{60, 80} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			env := map[string]string{"ANTHROPIC_ADMIN_KEY": key, "COLUMNS": strconv.Itoa(width)}
			r := run(t, env, "tiers", "pull", "--diff", "--as", "build", "--base-url", srv.URL)
			if r.Code != 1 {
				t.Fatalf("exit %d; stderr %s", r.Code, r.Stderr)
			}
			cmdtest.CheckFits(t, r.Stdout, width)
			if !strings.Contains(strings.Join(strings.Fields(r.Stdout), " "), "--wide shows all)") {
				t.Errorf("no note of the compact layout:\n%s", r.Stdout)
			}
			wide := run(t, env, "tiers", "pull", "--diff", "--as", "build", "--base-url", srv.URL, "--wide")
			cmdtest.CheckHeaders(t, wide.Stdout, "CHANGE", "ITEM", "FIELD", "OLD", "NEW")
		})
	}
}

// The path written is named escaped: it may come from the environment
// ($XDG_CONFIG_HOME).
func TestPullNamesThePathEscaped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x\x1b]0;owned\a")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Skipf("this file system refuses control characters in names: %v", err)
	}
	env := map[string]string{"ANTHROPIC_ADMIN_KEY": key, "XDG_CONFIG_HOME": dir}
	r := run(t, env, "tiers", "pull", "--base-url", api(t).URL)
	if want := `x\x1b]0;owned\x07` + string(filepath.Separator) + filepath.Join("tierplan", "tiers.yaml") + ": tier my-org"; r.Code != 0 || !strings.Contains(r.Stdout, want) || strings.Contains(r.Stdout, "\a") {
		t.Errorf("exit %d, stdout %q; want it to name %q", r.Code, r.Stdout, want)
	}
}
