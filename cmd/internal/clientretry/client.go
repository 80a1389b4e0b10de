package clientretry

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// TestAPIKey is the key every client run sends: it only ever reaches the
// fake on 127.0.0.1, and is recognisable if it leaks anywhere.
const TestAPIKey = "sk-ant-api03-tierplan-fake-key"

// Client is a real client that can make one Messages API call.
type Client struct {
	// Name is the policy name tierplan gives the client: "claude-code" or
	// "sdk".
	Name    string
	Version string
	argv    []string
	env     []string
}

// ClaudeCode is the Claude Code binary at bin, asked for its version.
func ClaudeCode(ctx context.Context, bin string) (Client, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	home, err := os.MkdirTemp("", "tierplan-claude-home-")
	if err != nil {
		return Client{}, err
	}
	defer os.RemoveAll(home)
	cmd := exec.CommandContext(ctx, bin, "--version")
	cmd.Env = baseEnv(home, "http://127.0.0.1:9")
	out, err := cmd.Output()
	if err != nil {
		return Client{}, fmt.Errorf("%s --version: %w", bin, err)
	}
	version, _, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	if version == "" {
		return Client{}, fmt.Errorf("%s --version printed nothing", bin)
	}
	return Client{Name: "claude-code", Version: version, argv: []string{bin, "-p", "say hello"},
		env: []string{"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1"}}, nil
}

// SDK is the TypeScript SDK installed under dir (dir/node_modules/
// @anthropic-ai/sdk), driven by node running script.
func SDK(dir, script string) (Client, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return Client{}, errors.New("node is not on PATH")
	}
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "@anthropic-ai", "sdk", "package.json"))
	if err != nil {
		return Client{}, fmt.Errorf("no @anthropic-ai/sdk under %s: %w", dir, err)
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(b, &pkg); err != nil || pkg.Version == "" {
		return Client{}, fmt.Errorf("%s: no version in the SDK's package.json", dir)
	}
	abs, err := filepath.Abs(script)
	if err != nil {
		return Client{}, err
	}
	return Client{Name: "sdk", Version: pkg.Version, argv: []string{node, abs},
		env: []string{"TIERPLAN_SDK_DIR=" + dir}}, nil
}

// Call is what one client run printed and how it ended.
type Call struct {
	ExitCode int
	Output   string
	Elapsed  time.Duration
}

// Call runs the client once against baseURL with extra environment
// variables and arguments, in a throwaway HOME, killed after timeout. Only
// PATH is taken from this process's environment, so no real key or proxy
// setting can reach the client.
func (c Client) Call(ctx context.Context, baseURL string, env, args []string, timeout time.Duration) (Call, error) {
	home, err := os.MkdirTemp("", "tierplan-client-home-")
	if err != nil {
		return Call{}, err
	}
	defer os.RemoveAll(home)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	argv := append(append([]string{}, c.argv...), args...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = home
	cmd.Env = append(append(baseEnv(home, baseURL), c.env...), env...)
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	call := Call{Output: out.String(), Elapsed: time.Since(start)}
	if ctx.Err() != nil {
		call.ExitCode = -1
		return call, fmt.Errorf("%s did not finish within %s", c.Name, timeout)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		call.ExitCode = exit.ExitCode()
		return call, nil
	}
	return call, err
}

// baseEnv is the whole environment of a client run.
func baseEnv(home, baseURL string) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"ANTHROPIC_BASE_URL=" + baseURL,
		"ANTHROPIC_API_KEY=" + TestAPIKey,
		"NO_PROXY=127.0.0.1",
	}
}
