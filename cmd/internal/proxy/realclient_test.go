package proxy

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
)

// Real clients for the end-to-end tests, installed by .ci/run (the same
// variables as cmd/internal/clientretry's): a directory where
// `npm install @anthropic-ai/sdk` ran, and Claude Code's binary.
const (
	sdkDirEnv = "TIERPLAN_SDK_DIR"
	claudeEnv = "TIERPLAN_CLAUDE_BIN"
)

// The official TypeScript SDK, streaming and not, with a bearer token and
// with x-api-key, through the proxy to the fake API.
func TestTypeScriptSDKThroughProxy(t *testing.T) {
	dir := os.Getenv(sdkDirEnv)
	if dir == "" {
		t.Skipf("TypeScript SDK test skipped: set %s to a directory where `npm install @anthropic-ai/sdk` ran", sdkDirEnv)
	}
	mods := filepath.Join(dir, "node_modules")
	if _, err := os.Stat(filepath.Join(mods, "@anthropic-ai", "sdk")); err != nil {
		t.Fatalf("%s=%s holds no node_modules/@anthropic-ai/sdk: %v", sdkDirEnv, dir, err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("%s is set but node is not on PATH", sdkDirEnv)
	}
	up := fakeapi.StartTest(t, fakeapi.Options{})
	h := startProxy(t, up.URL, defaultUsers, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	script, _ := filepath.Abs(filepath.Join("testdata", "sdk_client.cjs"))
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "NODE_PATH=" + mods, "HOME=" + t.TempDir(),
		"PROXY_URL=" + h.url, "PROXY_TOKEN=" + h.tokens["ann"]}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got struct {
		Plain, Stream struct {
			Text  string
			Usage map[string]any
		}
		Count        int
		Models       []string
		Keyed        string
		Unauthorized struct {
			Status int
			Type   string
			Name   string
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Plain.Text != fakeapi.DefaultText || got.Stream.Text != fakeapi.DefaultText || got.Keyed != fakeapi.DefaultText {
		t.Errorf("texts: %+v", got)
	}
	if got.Stream.Usage["output_tokens"] != float64(fakeapi.DefaultUsage.OutputTokens) || got.Count == 0 || len(got.Models) != len(fakeapi.DefaultModels) {
		t.Errorf("usage, count or models: %+v", got)
	}
	if got.Unauthorized.Status != 401 || got.Unauthorized.Type != "authentication_error" || got.Unauthorized.Name != "AuthenticationError" {
		t.Errorf("the SDK read the proxy's 401 as %+v", got.Unauthorized)
	}
	recs := h.records(5) // plain, stream, count_tokens, models, keyed; the 401 is not recorded
	streams := 0
	for _, r := range recs {
		if r.User != "ann" || r.Status != 200 {
			t.Errorf("record %+v", r)
		}
		if r.Stream && r.Usage.Output == int64(fakeapi.DefaultUsage.OutputTokens) {
			streams++
		}
	}
	if streams != 1 {
		t.Errorf("%d complete stream records, want 1", streams)
	}
	for _, r := range up.Requests() {
		if r.Header.Get("Anthropic-Version") == "" || !strings.Contains(r.Header.Get("User-Agent"), "Anthropic/JS") {
			t.Errorf("the SDK's headers did not reach the API: %v", r.Header)
		}
	}
}

// Claude Code itself (claude -p) through the proxy, with the settings the
// README gives a team: ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN.
func TestClaudeCodeThroughProxy(t *testing.T) {
	bin := os.Getenv(claudeEnv)
	if bin == "" {
		t.Skipf("Claude Code test skipped: set %s to the claude binary (npm install @anthropic-ai/claude-code)", claudeEnv)
	}
	up := fakeapi.StartTest(t, fakeapi.Options{})
	h := startProxy(t, up.URL, defaultUsers, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-p", "say hello")
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "ANTHROPIC_BASE_URL=" + h.url,
		"ANTHROPIC_AUTH_TOKEN=" + h.tokens["ann"], "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1", "DISABLE_AUTOUPDATER=1"}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("claude -p: %v\nstdout: %s\nstderr: %s\nproxy log: %s", err, out, stderr.String(), h.log.String())
	}
	if !strings.Contains(string(out), fakeapi.DefaultText) {
		t.Fatalf("claude -p printed %q", out)
	}
	recs := h.records(len(up.Requests())) // a record for every call the API saw
	var withSession int
	for _, r := range recs {
		if r.User != "ann" {
			t.Errorf("record of %q", r.User)
		}
		if r.Path == "/v1/messages" && r.SessionID != "" && r.Stream && r.Status == 200 {
			withSession++
		}
	}
	if withSession == 0 {
		t.Fatalf("no streamed call with Claude Code's session id among %d records", len(recs))
	}
	for _, r := range up.Messages() {
		if r.Header.Get("X-Api-Key") != fakeapi.Redacted || r.RawQuery != "beta=true" {
			t.Errorf("the API saw %v ?%s", r.Header, r.RawQuery)
		}
	}
	t.Logf("claude -p: %d calls through the proxy", len(recs))
}
