package usage

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeCorpus writes a deterministic synthetic transcript corpus of about
// size bytes under dir, shaped like real Claude Code logs: per API call one
// to three assistant lines (one per content block, repeating the usage),
// then a user line with a tool result whose size varies from a few hundred
// bytes to, rarely, a megabyte. It returns the bytes written and the number
// of distinct API calls.
func writeCorpus(dir string, size int64) (written int64, calls int, err error) {
	rng := rand.New(rand.NewPCG(1, 2))
	models := []string{"claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-haiku-4-5-20251001"}
	filler := strings.Repeat("lorem ipsum dolor sit amet ", 40000)
	start := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	for s := 0; written < size; s++ {
		sid := fmt.Sprintf("%08x-0000-4000-8000-%012x", s, s)
		cwd := fmt.Sprintf("/home/dev/project-%d", s%7)
		path := filepath.Join(dir, "projects", "-home-dev-project-"+fmt.Sprint(s%7), sid+".jsonl")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return written, calls, err
		}
		f, err := os.Create(path)
		if err != nil {
			return written, calls, err
		}
		w := bufio.NewWriter(f)
		t := start.Add(time.Duration(s) * 37 * time.Minute)
		model := models[s%len(models)]
		ctx := int64(15000 + rng.IntN(8000))
		for c := 0; c < 150 && written < size; c++ {
			t = t.Add(time.Duration(2+rng.IntN(40)) * time.Second)
			blocks := 1 + rng.IntN(3)
			write := int64(50 + rng.IntN(4000))
			out := int64(40 + rng.IntN(900))
			for b := 0; b < blocks; b++ {
				text := filler[:200+rng.IntN(1200)]
				n, _ := fmt.Fprintf(w, `{"parentUuid":"p-%d-%d","isSidechain":false,"userType":"external","cwd":%q,"sessionId":%q,"version":"2.0.31","gitBranch":"main","message":{"id":"msg_%d_%d","type":"message","role":"assistant","model":%q,"content":[{"type":"text","text":%q}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":%d,"cache_creation_input_tokens":%d,"cache_read_input_tokens":%d,"cache_creation":{"ephemeral_5m_input_tokens":%d,"ephemeral_1h_input_tokens":0},"output_tokens":%d,"service_tier":"standard"}},"requestId":"req_%d_%d","type":"assistant","uuid":"u-%d-%d-%d","timestamp":%q}`+"\n",
					s, c, cwd, sid, s, c, model, text, 1+rng.IntN(10), write, ctx, write, out, s, c, s, c, b, t.Format("2006-01-02T15:04:05.000Z"))
				written += int64(n)
			}
			calls++
			ctx += write + out
			result := 100 + rng.IntN(6000)
			if rng.IntN(200) == 0 {
				result = len(filler)
			}
			n, _ := fmt.Fprintf(w, `{"parentUuid":"a-%d-%d","isSidechain":false,"userType":"external","cwd":%q,"sessionId":%q,"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_%d","type":"tool_result","content":%q}]},"uuid":"r-%d-%d","timestamp":%q,"toolUseResult":{"stdout":"ok","stderr":"","interrupted":false}}`+"\n",
				s, c, cwd, sid, c, filler[:result], s, c, t.Format("2006-01-02T15:04:05.000Z"))
			written += int64(n)
		}
		if err := w.Flush(); err != nil {
			return written, calls, err
		}
		if err := f.Close(); err != nil {
			return written, calls, err
		}
	}
	return written, calls, nil
}

// writeCorpusTo and corpusMB let a person write the benchmark's corpus to a
// directory, to time tierplan against other log readers on the same files:
//
//	go test ./planner/usage -run TestExportCorpus -args -write-corpus /tmp/corpus -corpus-mb 128
var (
	writeCorpusTo = flag.String("write-corpus", "", "write the benchmark corpus to this directory")
	corpusMB      = flag.Int64("corpus-mb", 128, "size of the corpus -write-corpus writes, in MB")
)

func TestExportCorpus(t *testing.T) {
	if *writeCorpusTo == "" {
		t.Skip("only with -write-corpus DIR")
	}
	n, calls, err := writeCorpus(*writeCorpusTo, *corpusMB<<20)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d bytes, %d API calls to %s", n, calls, *writeCorpusTo)
}
