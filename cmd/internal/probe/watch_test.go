package probe

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// TestProbeStoppedPlural: "1 reading", "2 readings".
func TestProbeStoppedPlural(t *testing.T) {
	for n, want := range map[int]string{0: "stopped after 0 readings\n", 1: "stopped after 1 reading\n", 2: "stopped after 2 readings\n"} {
		var errb bytes.Buffer
		p := &prober{app: cmdutil.NewApp(cmdutil.Env{Stderr: &errb})}
		_ = p.stopped(n)
		if !strings.HasSuffix(errb.String(), want) {
			t.Errorf("%d readings: stderr %q, want suffix %q", n, errb.String(), want)
		}
	}
}
