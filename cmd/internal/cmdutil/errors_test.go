package cmdutil

import (
	"errors"
	"fmt"
	"testing"
)

// TestExitCode: the one mapping from errors to exit codes, wrapped or not.
func TestExitCode(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		code   int
		usage  bool
		silent bool
	}{
		{"none", nil, ExitOK, false, false},
		{"a data error", errors.New("tiers.yaml:3: bad"), ExitError, false, false},
		{"a usage error", UsageErrorf("--tokens %q: bad", "x"), ExitUsage, true, false},
		{"a wrapped usage error", fmt.Errorf("plan: %w", WrapUsage(errors.New("unknown flag"))), ExitUsage, true, false},
		{"none fits", SilentExit(ExitNoneFits), ExitNoneFits, false, true},
		{"a silent failure, wrapped", fmt.Errorf("diff: %w", SilentExit(ExitError)), ExitError, false, true},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.code || IsUsage(tt.err) != tt.usage || IsSilent(tt.err) != tt.silent {
			t.Errorf("%s: code %d, usage %t, silent %t; want %d, %t, %t", tt.name, got, IsUsage(tt.err), IsSilent(tt.err), tt.code, tt.usage, tt.silent)
		}
	}
	if got := UsageErrorf("--top must be 0 or more, not %d", -1).Error(); got != "--top must be 0 or more, not -1" {
		t.Errorf("message %q", got)
	}
	if got := TrimNewline("line\n\n"); got != "line" {
		t.Errorf("TrimNewline: %q", got)
	}
}
