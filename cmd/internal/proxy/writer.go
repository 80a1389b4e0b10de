package proxy

import (
	"context"
	"sync"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/tiers"
)

// Writer settings: a batch goes to the store every flushEvery or at
// batchSize records; while the store is down, up to maxPending records wait
// in memory and are written when it is back.
const (
	flushEvery = 200 * time.Millisecond
	batchSize  = 500
	maxPending = 100_000
)

// recordWriter writes records in batches, off the requests' path, and
// keeps them while the store is down. Each record keeps its id across
// retries, so a batch the store took but did not confirm is not doubled.
type recordWriter struct {
	st  store.Store
	log func(format string, a ...any)

	mu       sync.Mutex
	pending  []store.Record
	dropped  int64
	failing  bool
	wake     chan struct{}
	stop     chan struct{}
	finished chan struct{}

	onFlush func(written, pending int, err error)
}

func newRecordWriter(st store.Store, log func(string, ...any)) *recordWriter {
	w := &recordWriter{st: st, log: log, wake: make(chan struct{}, 1), stop: make(chan struct{}),
		finished: make(chan struct{}), onFlush: func(int, int, error) {}}
	go w.loop()
	return w
}

// add queues a record for the store.
func (w *recordWriter) add(r store.Record) {
	w.mu.Lock()
	if len(w.pending) >= maxPending {
		w.pending = w.pending[1:]
		w.dropped++
		if w.dropped == 1 || w.dropped%1000 == 0 {
			w.log("error: the store has been down too long: %d records lost (the oldest go first)", w.dropped)
		}
	}
	w.pending = append(w.pending, r)
	full := len(w.pending) >= batchSize
	w.mu.Unlock()
	if full {
		select {
		case w.wake <- struct{}{}:
		default:
		}
	}
}

// pendingSpent is what user spent in records not yet in the store, so a
// budget counts them before they are written.
func (w *recordWriter) pendingSpent(user string, win pacing.Windows) pacing.Spent {
	w.mu.Lock()
	defer w.mu.Unlock()
	var s pacing.Spent
	for i := range w.pending {
		r := &w.pending[i]
		if r.User != user || r.Cost == 0 {
			continue
		}
		addIn(&s.Day, r, win.DayStart, r.Cost)
		addIn(&s.Week, r, win.WeekStart, r.Cost)
		addIn(&s.Month, r, win.MonthStart, r.Cost)
	}
	return s
}

func addIn(sum *tiers.Money, r *store.Record, start time.Time, c tiers.Money) {
	if !r.Time.Before(start) {
		*sum += c
	}
}

func (w *recordWriter) loop() {
	defer close(w.finished)
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	backoff := time.Duration(0)
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
		case <-w.wake:
		}
		if backoff > 0 {
			select {
			case <-w.stop:
				return
			case <-time.After(backoff):
			}
		}
		if err := w.flush(context.Background()); err != nil {
			backoff = min(max(backoff*2, 250*time.Millisecond), 5*time.Second)
		} else {
			backoff = 0
		}
	}
}

// flush writes everything pending, a batch at a time.
func (w *recordWriter) flush(ctx context.Context) error {
	for {
		w.mu.Lock()
		n := min(len(w.pending), batchSize)
		batch := append([]store.Record(nil), w.pending[:n]...)
		w.mu.Unlock()
		if n == 0 {
			return nil
		}
		ictx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := w.st.Insert(ictx, batch)
		cancel()
		w.mu.Lock()
		if err != nil {
			if !w.failing {
				w.log("warning: cannot write records (%d kept in memory until the store is back): %v", len(w.pending), err)
			}
			w.failing = true
			pending := len(w.pending)
			w.mu.Unlock()
			w.onFlush(0, pending, err)
			return err
		}
		if w.failing {
			w.log("the store is back: writing the %d records kept in memory", len(w.pending))
			w.failing = false
		}
		// Records added while the batch was written stay queued after it.
		w.pending = w.pending[n:]
		pending := len(w.pending)
		w.mu.Unlock()
		w.onFlush(n, pending, nil)
	}
}

// close writes what is pending, trying until ctx ends.
func (w *recordWriter) close(ctx context.Context) error {
	close(w.stop)
	<-w.finished
	for {
		err := w.flush(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			w.mu.Lock()
			n := len(w.pending)
			w.mu.Unlock()
			w.log("error: %d records could not be written before shutdown: %v", n, err)
			return err
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// newest returns up to n pending records, newest first.
func (w *recordWriter) newest(n int) []store.Record {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []store.Record
	for i := len(w.pending) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, w.pending[i])
	}
	return out
}
