package transcript

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// ReadBufferSize is the fixed read buffer; lines longer than it are
// gathered in pieces of this size.
const ReadBufferSize = 256 << 10

// Reader yields the lines of a stream one at a time. Memory is the read
// buffer plus the longest line: a multi-GB transcript is never held whole.
//
// A line longer than the read buffer (a tool result of many MB) is scanned
// for the prefilter's markers as it streams past. From a file that can seek,
// nothing of it is kept: a line without a marker is skipped, and one with a
// marker is read again from its start, once, into a buffer reused for later
// lines. From a stream that cannot seek, the line is kept in fixed-size
// pieces, reused for later lines, and joined only if it has a marker. No
// long line leaves garbage behind that would double the peak.
type Reader struct {
	r      *bufio.Reader
	seeker io.Seeker // the stream under r when it can seek; nil otherwise
	pieces [][]byte  // the current long line, in order
	spare  [][]byte  // pieces kept for the next long line
	long   []byte    // a joined long line
	n      int64     // bytes consumed, for progress
	// lineNo is the number of the line last returned, from 1.
	lineNo int
	// skipped is set when the line last returned was too long to join and
	// holds neither marker: Next returned it as nil.
	skipped bool
	// longShape is the shape of the last long line, for a skipped one.
	longShape lineShape
	// tooLong is set with skipped when the line may carry usage but is
	// longer than MaxLineBytes: it is reported, not held.
	tooLong bool
}

// MaxLineBytes caps what one line may hold. A reply's usage line is at
// most a few MB (a long answer, a large file written by a tool); a line of
// a GB that mentions "usage" is not one, and holding it would take as much
// memory.
const MaxLineBytes = 64 << 20

func NewReader(r io.Reader) *Reader {
	lr := &Reader{r: bufio.NewReaderSize(r, ReadBufferSize)}
	lr.Reset(r)
	return lr
}

// Offset is the number of bytes consumed so far: the offset in the file of
// the end of the line last returned.
func (lr *Reader) Offset() int64 { return lr.n }

// LineNo is the number of the line last returned, from 1.
func (lr *Reader) LineNo() int { return lr.lineNo }

// Skipped reports whether the line last returned was a long line that
// cannot carry usage, returned as nil.
func (lr *Reader) Skipped() bool { return lr.skipped }

// TooLong reports whether the line last returned (skipped) may carry usage
// but is longer than MaxLineBytes: reported, never held.
func (lr *Reader) TooLong() bool { return lr.tooLong }

// SkippedIsObject reports whether the skipped line last returned was shaped
// like a JSON object.
func (lr *Reader) SkippedIsObject() bool { return lr.longShape.object() }

// utf8BOM is the byte-order mark some editors and Windows tools write at
// the start of a UTF-8 file; JSON parsers refuse it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Reset starts reading r, keeping the buffers: one lineReader per worker
// serves thousands of small files without allocating (and zeroing) a read
// buffer for each. A leading byte-order mark is consumed, so the first line
// parses like the others; it still counts in n, which stays the offset in
// the stream.
func (lr *Reader) Reset(r io.Reader) { lr.ResetAt(r, 0, 0) }

// ResetAt starts reading r, positioned at offset of its file, after lineNo
// lines (an index resuming a file that grew). Only at offset 0 is a
// byte-order mark looked for.
func (lr *Reader) ResetAt(r io.Reader, offset int64, lineNo int) {
	lr.r.Reset(r)
	lr.seeker, _ = r.(io.Seeker)
	lr.n, lr.lineNo = offset, lineNo
	if r == nil || offset > 0 {
		return
	}
	if head, err := lr.r.Peek(len(utf8BOM)); err == nil && bytes.Equal(head, utf8BOM) {
		lr.r.Discard(len(utf8BOM))
		lr.n = int64(len(utf8BOM))
	}
}

// HasPrefix reports whether the stream, at the start, holds prefix (an
// export's magic), without consuming it: the first read of the stream
// answers, no read of its own.
func (lr *Reader) HasPrefix(prefix []byte) bool {
	head, err := lr.r.Peek(len(prefix))
	return err == nil && bytes.Equal(head, prefix)
}

// Rest is the stream from where the reader is, buffered bytes first.
func (lr *Reader) Rest() io.Reader { return lr.r }

// Next returns the next line without its newline. complete is false for a
// last line that ends without a newline: a file cut short, or one still
// being written. A long line that cannot carry usage is returned as nil
// with skipped set. The returned slice is valid until the next call. At the
// end of the stream Next returns io.EOF.
func (lr *Reader) Next() (line []byte, complete bool, err error) {
	lr.skipped, lr.tooLong = false, false
	frag, err := lr.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		return lr.nextLong(frag)
	}
	lr.n += int64(len(frag))
	switch {
	case err == nil:
		lr.lineNo++
		return trimEOL(frag), true, nil
	case err == io.EOF && len(frag) > 0:
		lr.lineNo++
		return frag, false, nil
	default:
		return nil, false, err
	}
}

// nextLong handles a line longer than the read buffer.
func (lr *Reader) nextLong(frag []byte) ([]byte, bool, error) {
	defer lr.recycle()
	start := lr.n
	var usage, apiError markerScan
	var err error = bufio.ErrBufferFull
	// A user line (a huge tool result, usually) is known from its first
	// piece: the rest streams past unscanned and unkept.
	user := isUserLine(frag)
	lr.longShape.reset()
	for {
		lr.longShape.feed(frag)
		if !user {
			usage.feed(frag, usageMarker)
			apiError.feed(frag, apiErrorMarker)
			if lr.seeker == nil && lr.n-start < MaxLineBytes {
				lr.pieces = append(lr.pieces, append(lr.piece(), frag...))
			}
		}
		lr.n += int64(len(frag))
		if err != bufio.ErrBufferFull {
			break
		}
		frag, err = lr.r.ReadSlice('\n')
	}
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	lr.lineNo++
	complete := err == nil
	if !usage.found && !apiError.found {
		lr.skipped = true
		return nil, complete, nil
	}
	size := int(lr.n - start)
	if size > MaxLineBytes {
		lr.skipped, lr.tooLong = true, true
		return nil, complete, nil
	}
	if cap(lr.long) < size {
		lr.long = make([]byte, 0, size)
	}
	lr.long = lr.long[:size]
	if lr.seeker != nil {
		if err := lr.reread(start, lr.long); err != nil {
			return nil, false, err
		}
	} else {
		lr.long = lr.long[:0]
		for _, p := range lr.pieces {
			lr.long = append(lr.long, p...)
		}
	}
	if complete {
		return trimEOL(lr.long), true, nil
	}
	return lr.long, false, nil
}

// reread fills buf with the bytes at offset start of the underlying file,
// then puts the file back where it was, so the bytes already buffered
// after the line stay valid.
func (lr *Reader) reread(start int64, buf []byte) error {
	pos, err := lr.seeker.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := lr.seeker.Seek(start, io.SeekStart); err != nil {
		return err
	}
	r, ok := lr.seeker.(io.Reader)
	if !ok {
		return fmt.Errorf("cannot read back a long line")
	}
	if _, err := io.ReadFull(r, buf); err != nil {
		return fmt.Errorf("reading back a long line: %w", err)
	}
	_, err = lr.seeker.Seek(pos, io.SeekStart)
	return err
}

// piece returns an empty buffer of the read buffer's size, reused if one is
// spare.
func (lr *Reader) piece() []byte {
	if n := len(lr.spare); n > 0 {
		p := lr.spare[n-1]
		lr.spare = lr.spare[:n-1]
		return p[:0]
	}
	return make([]byte, 0, ReadBufferSize)
}

func (lr *Reader) recycle() {
	lr.spare = append(lr.spare, lr.pieces...)
	lr.pieces = lr.pieces[:0]
}

// markerScan finds a marker in a line that arrives in fragments, including
// where it straddles fragments (however short they are).
type markerScan struct {
	found bool
	carry []byte // the last len(marker)-1 bytes seen
	seam  []byte
}

func (m *markerScan) feed(frag, marker []byte) {
	if m.found {
		return
	}
	k := len(marker) - 1
	if containsMarker(frag, marker) {
		m.found = true
		return
	}
	if len(m.carry) > 0 {
		m.seam = append(append(m.seam[:0], m.carry...), frag[:min(len(frag), k)]...)
		if containsMarker(m.seam, marker) {
			m.found = true
			return
		}
	}
	m.seam = append(append(m.seam[:0], m.carry...), frag[max(0, len(frag)-k):]...)
	m.carry = append(m.carry[:0], m.seam[max(0, len(m.seam)-k):]...)
}

// trimEOL drops the trailing "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	b = b[:len(b)-1]
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}
