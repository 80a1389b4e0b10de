package simulate

// event is one thing that happens to one session at one simulated time.
type event struct {
	at      int64  // ms since midnight of the first day
	seq     uint64 // insertion order: ties go first-come, first-served
	session int32
	kind    eventKind
}

type eventKind uint8

const (
	evDay     eventKind = iota // a working day begins: its arrivals are queued (session = day)
	evStart                    // a session arrives and sends its first call
	evAttempt                  // a session sends (or resends) its current call
	evDone                     // the current call's response has fully arrived
)

// eventQueue is a binary min-heap of events by (at, seq). It is typed rather
// than built on container/heap, whose interface boxes every pushed value: at a
// few million events per run that allocation is most of the cost.
type eventQueue struct {
	items []event
	seq   uint64
}

func (q *eventQueue) len() int { return len(q.items) }

func less(a, b *event) bool {
	return a.at < b.at || (a.at == b.at && a.seq < b.seq)
}

func (q *eventQueue) push(at int64, session int32, kind eventKind) {
	q.seq++
	q.items = append(q.items, event{at: at, seq: q.seq, session: session, kind: kind})
	i := len(q.items) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !less(&q.items[i], &q.items[parent]) {
			break
		}
		q.items[i], q.items[parent] = q.items[parent], q.items[i]
		i = parent
	}
}

func (q *eventQueue) pop() event {
	top := q.items[0]
	last := len(q.items) - 1
	q.items[0] = q.items[last]
	q.items = q.items[:last]
	i := 0
	for {
		l := 2*i + 1
		if l >= last {
			break
		}
		small := l
		if r := l + 1; r < last && less(&q.items[r], &q.items[l]) {
			small = r
		}
		if !less(&q.items[small], &q.items[i]) {
			break
		}
		q.items[i], q.items[small] = q.items[small], q.items[i]
		i = small
	}
	return top
}
