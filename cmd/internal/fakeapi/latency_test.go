package fakeapi

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// sleeps records every latency the handler asks for instead of waiting.
type sleeps struct {
	mu  sync.Mutex
	got []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, d)
	return ctx.Err()
}

func TestLatencyAndClock(t *testing.T) {
	sl := &sleeps{}
	now := time.Date(2026, 4, 14, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { now = now.Add(1500 * time.Millisecond); return now }
	s := StartTest(t, Options{Now: clock, Sleep: sl.sleep,
		Script: []Reply{{FirstByte: 2 * time.Second, EventGap: 30 * time.Millisecond, Text: "a b"}}})
	post(t, s, "/v1/messages", `{"stream":true}`)
	post(t, s, "/v1/messages", `{"stream":true}`)
	// first reply: 2 s before the first byte, then a gap before each of the
	// 7 events after message_start (start, ping, 2 deltas, stop, delta, stop);
	// second: the zero Reply waits 0 before the first byte and before each
	// of the 10 events after message_start (its default text is 5 words).
	want := []time.Duration{2 * time.Second}
	for range 7 {
		want = append(want, 30*time.Millisecond)
	}
	want = append(want, make([]time.Duration, 11)...)
	if len(sl.got) != len(want) {
		t.Fatalf("sleeps %v, want %v", sl.got, want)
	}
	for i := range want {
		if sl.got[i] != want[i] {
			t.Fatalf("sleeps %v, want %v", sl.got, want)
		}
	}
	// the clock advances 1.5 s a reading: arrival, done, arrival, done
	recs := s.Requests()
	t0 := time.Date(2026, 4, 14, 10, 0, 1, 5e8, time.UTC)
	if !recs[0].At.Equal(t0) || recs[0].Done.Sub(t0) != 1500*time.Millisecond ||
		recs[1].At.Sub(t0) != 3*time.Second || recs[1].Done.Sub(t0) != 4500*time.Millisecond {
		t.Errorf("arrivals %+v", recs)
	}
}

// A client that gives up during a long wait frees the handler at once, so
// Close does not hang.
func TestClientGoneDuringWait(t *testing.T) {
	s := StartTest(t, Options{Then: Reply{FirstByte: time.Hour}})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/v1/messages", strings.NewReader(`{}`))
	done := make(chan error, 1)
	go func() {
		resp, err := s.Client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for len(s.Requests()) == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("request finished despite a one-hour wait")
	}
	s.Close() // would block for an hour if the handler kept waiting
}
