package root

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

func TestVersionFlag(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main([]string{"--version"}, cmdutil.Env{Stdout: &out, Stderr: &errb})
	if code != 0 || !strings.HasPrefix(out.String(), "tierplan ") {
		t.Fatalf("code %d, out %q, err %q", code, out.String(), errb.String())
	}
}

func TestUnknownFlagIsUsageError(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main([]string{"--no-such-flag"}, cmdutil.Env{Stdout: &out, Stderr: &errb})
	if code != cmdutil.ExitUsage {
		t.Fatalf("code %d, want %d; stderr %q", code, cmdutil.ExitUsage, errb.String())
	}
	if !strings.Contains(errb.String(), "unknown flag") {
		t.Fatalf("stderr %q lacks the reason", errb.String())
	}
}
