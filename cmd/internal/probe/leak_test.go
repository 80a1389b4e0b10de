package probe_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// jsonEscaped writes every character of s as a \u00xx escape.
func jsonEscaped(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, `\u%04x`, s[i])
	}
	return b.String()
}

// TestProbeNeverPrintsAnEscapedKey: a server that echoed the key with JSON
// escapes once got it printed, decoded, in table, json, yaml, markdown and
// the --log file.
func TestProbeNeverPrintsAnEscapedKey(t *testing.T) {
	body := `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key ` + jsonEscaped(probeKey) + `"},"request_id":"req_` + jsonEscaped(probeKey) + `"}`
	srv := apiServer(t, 401, map[string]string{"request-id": "req_" + probeKey}, body, nil)
	log := filepath.Join(t.TempDir(), "limits.jsonl")
	for _, format := range []string{"table", "json", "yaml", "csv", "markdown"} {
		env, out, errb := probeEnv(t, srv)
		code := runWithEnvTable(env, cmdtest.DiagnoseTable(), "probe", "--base-url", srv.URL, "-o", format, "--log", log)
		if code != cmdutil.ExitError || (format != "csv" && !strings.Contains(out.String(), "[redacted]")) {
			t.Fatalf("-o %s: exit %d, stdout %q", format, code, out.String())
		}
		noKey(t, "-o "+format+" stdout", out.String())
		noKey(t, "-o "+format+" stderr", errb.String())
		noKey(t, "-o "+format+" output, escaped", strings.ToLower(out.String()+errb.String()))
		if strings.Contains(strings.ToLower(out.String()), strings.ToLower(jsonEscaped("LEAKCHECK"))) {
			t.Fatalf("-o %s: the escaped key is printed", format)
		}
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	noKey(t, "--log", string(data))
	if strings.Contains(strings.ToLower(string(data)), strings.ToLower(jsonEscaped("LEAKCHECK"))) {
		t.Fatal("--log holds the escaped key")
	}
}

// TestProbeRefusesRedirects: the probe reports a redirect and never sends
// the key where it points; --watch stops, since waiting changes nothing.
func TestProbeRefusesRedirects(t *testing.T) {
	var stolen int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atomic.AddInt32(&stolen, 1)
	}))
	defer elsewhere.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/v1/messages", http.StatusTemporaryRedirect)
	}))
	defer api.Close()
	for _, args := range [][]string{nil, {"--watch", "30s"}} {
		env, out, errb := probeEnv(t, api)
		code := runWithEnvTable(env, cmdtest.DiagnoseTable(), append([]string{"probe", "--base-url", api.URL}, args...)...)
		want := "answered 307 Temporary Redirect with a redirect to " + elsewhere.URL + "/v1/messages: not followed, so the API key was sent to "
		if code != cmdutil.ExitError || !strings.Contains(errb.String(), want) {
			t.Fatalf("%v: exit %d, stderr %q, stdout %q", args, code, errb.String(), out.String())
		}
	}
	if stolen != 0 {
		t.Fatalf("a request reached the redirect's target %d times", stolen)
	}
}
