package windows

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// writerEnv, when set, makes TestConcurrentRunsNeverCorrupt a writer
// process: it records its own window's readings one run at a time, as
// many status-line runs of one session would.
const writerEnv = "TIERPLAN_TEST_HISTORY_WRITER"

const writes = 400

func TestConcurrentRunsNeverCorrupt(t *testing.T) {
	if spec := os.Getenv(writerEnv); spec != "" {
		var path, window string
		fmt.Sscan(spec, &path, &window)
		maxBytes, keepBytes = 8<<10, 4<<10 // compact every hundred lines or so
		reset := t0.Add(1000 * time.Hour)
		for i := 1; i <= writes; i++ {
			r, _ := NewReading(t0.Add(time.Duration(i)*time.Second), window, float64(i), reset)
			for {
				_, err := Record(path, []Reading{r})
				if err == nil {
					break
				}
				if err != ErrBusy {
					t.Fatal(err)
				}
			}
		}
		return
	}
	path := filepath.Join(t.TempDir(), "windows.log")
	var procs []*exec.Cmd
	var outputs [3]bytes.Buffer
	for i := 0; i < 3; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentRunsNeverCorrupt$")
		cmd.Env = append(os.Environ(), writerEnv+"="+path+" proc_"+strconv.Itoa(i))
		cmd.Stdout, cmd.Stderr = &outputs[i], &outputs[i]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, cmd)
	}
	for i, p := range procs {
		if err := p.Wait(); err != nil {
			t.Fatalf("writer %d: %v\n%s", i, err, outputs[i].String())
		}
	}
	got, bad, err := Read(path)
	if err != nil || bad != 0 {
		t.Fatalf("Read after concurrent runs: %d bad lines, %v", bad, err)
	}
	// Compaction drops the oldest readings; what is kept of each writer
	// must be an unbroken run ending at its last reading: a gap would be an
	// append lost to a file replaced under it.
	last := map[string]float64{}
	for _, r := range got {
		if prev, ok := last[r.Window]; ok && r.Used != prev+1 {
			t.Fatalf("%s: %v%% follows %v%%: readings lost or reordered", r.Window, r.Used, prev)
		}
		last[r.Window] = r.Used
	}
	for i := 0; i < 3; i++ {
		if n := last["proc_"+strconv.Itoa(i)]; n != writes {
			t.Errorf("proc_%d: last reading kept %v%%, want %d%%", i, n, writes)
		}
	}
	if fi, _ := os.Stat(path); fi.Size() > 8<<10 {
		t.Errorf("history is %d bytes; the writers' bound was 8 KiB", fi.Size())
	}
}
