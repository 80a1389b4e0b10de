package proxy

import (
	"bufio"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
)

// BenchmarkProxy500Streams sends 500 concurrent streaming calls through the
// proxy on loopback, to a fake API that streams 24 events 5 ms apart (about
// 120 ms a call), and reports each call's overhead: the client's whole call
// less the time the API took to answer it (p50 and p99, in ms). Every
// stream must arrive whole and be recorded: none lost.
// BenchmarkDirect500Streams is the same load straight at the fake API: the
// client, the proxy and the fake share the machine's cores, so the overhead
// the proxy adds is the difference of the two.
func BenchmarkProxy500Streams(b *testing.B) { benchStreams(b, 500, true) }

// BenchmarkProxyOneStream is one call at a time: the proxy's overhead on
// an idle machine.
func BenchmarkProxyOneStream(b *testing.B) { benchStreams(b, 1, true) }

// BenchmarkDirectOneStream is the baseline of BenchmarkProxyOneStream.
func BenchmarkDirectOneStream(b *testing.B) { benchStreams(b, 1, false) }

// BenchmarkDirect500Streams is the baseline of BenchmarkProxy500Streams.
func BenchmarkDirect500Streams(b *testing.B) { benchStreams(b, 500, false) }

func benchStreams(b *testing.B, streams int, viaProxy bool) {
	text := strings.Repeat("word ", 20)
	up := fakeapi.StartTest(b, fakeapi.Options{Then: fakeapi.Reply{Text: text, EventGap: 5 * time.Millisecond}})
	h := startProxy(b, up.URL, defaultUsers, nil)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: streams, MaxConnsPerHost: 0, DisableCompression: true}}
	body := streamBody("claude-sonnet-4-5")
	base := h.url
	if !viaProxy {
		base = up.URL
	}
	type result struct {
		n     int // the fake's request number
		total time.Duration
	}
	var added []float64
	calls := 0
	b.ResetTimer()
	for b.Loop() {
		results := make(chan result, streams)
		var wg sync.WaitGroup
		for i := range streams {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest("POST", base+"/v1/messages", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+h.tokens[[]string{"ann", "bob"}[i%2]])
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				whole := false
				sc := bufio.NewScanner(resp.Body)
				for sc.Scan() {
					if sc.Text() == "event: message_stop" {
						whole = true
					}
				}
				resp.Body.Close()
				total := time.Since(start)
				n, _ := strconv.Atoi(strings.TrimPrefix(resp.Header.Get("request-id"), "req_fake_"))
				if !whole || n == 0 {
					b.Errorf("a stream was lost: status %d, whole %v", resp.StatusCode, whole)
					return
				}
				results <- result{n, total}
			}()
		}
		wg.Wait()
		close(results)
		reqs := up.Requests()
		for r := range results {
			f := reqs[r.n-1]
			added = append(added, float64(r.total-f.Done.Sub(f.At))/float64(time.Millisecond))
			calls++
		}
	}
	b.StopTimer()
	if calls != streams*b.N {
		b.Fatalf("%d of %d streams arrived whole", calls, streams*b.N)
	}
	if viaProxy {
		h.records(calls)
	}
	slices.Sort(added)
	b.ReportMetric(added[len(added)/2], "overhead-p50-ms")
	b.ReportMetric(added[len(added)*99/100], "overhead-p99-ms")
	b.ReportMetric(0, "lost")
}
