package usage

import (
	"bufio"
	"io"
)

// readBufferSize is the fixed read buffer; lines longer than it are
// gathered in pieces of this size.
const readBufferSize = 256 << 10

// lineReader yields the lines of a stream one at a time. Memory is the read
// buffer plus the longest line: a multi-GB transcript is never held whole.
//
// A line longer than the read buffer (a tool result of many MB) is gathered
// in fixed-size pieces that are kept for reuse, and the prefilter runs over
// the pieces: a long line that cannot carry usage is skipped without ever
// being joined, and one that can is joined once, into a buffer reused for
// later lines. No long line leaves garbage behind that would double the
// peak.
type lineReader struct {
	r      *bufio.Reader
	pieces [][]byte // the current long line, in order
	spare  [][]byte // pieces kept for the next long line
	long   []byte   // a joined long line
	n      int64    // bytes consumed, for progress
	// lineNo is the number of the line last returned, from 1.
	lineNo int
	// skipped is set when the line last returned was too long to join and
	// holds neither marker: next returned it as nil.
	skipped bool
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, readBufferSize)}
}

// reset starts reading r, keeping the buffers: one lineReader per worker
// serves thousands of small files without allocating (and zeroing) a read
// buffer for each.
func (lr *lineReader) reset(r io.Reader) {
	lr.r.Reset(r)
	lr.n, lr.lineNo = 0, 0
}

// next returns the next line without its newline. complete is false for a
// last line that ends without a newline: a file cut short, or one still
// being written. A long line that cannot carry usage is returned as nil
// with skipped set. The returned slice is valid until the next call. At the
// end of the stream next returns io.EOF.
func (lr *lineReader) next() (line []byte, complete bool, err error) {
	lr.skipped = false
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

// nextLong gathers a line longer than the read buffer.
func (lr *lineReader) nextLong(frag []byte) ([]byte, bool, error) {
	defer lr.recycle()
	var err error = bufio.ErrBufferFull
	total := 0
	for {
		p := lr.piece()
		p = append(p, frag...)
		lr.pieces = append(lr.pieces, p)
		total += len(p)
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
	if !piecesContain(lr.pieces, usageMarker) && !piecesContain(lr.pieces, apiErrorMarker) {
		lr.skipped = true
		return nil, complete, nil
	}
	if cap(lr.long) < total {
		lr.long = make([]byte, 0, total)
	}
	lr.long = lr.long[:0]
	for _, p := range lr.pieces {
		lr.long = append(lr.long, p...)
	}
	if complete {
		return trimEOL(lr.long), true, nil
	}
	return lr.long, false, nil
}

// piece returns an empty buffer of the read buffer's size, reused if one is
// spare.
func (lr *lineReader) piece() []byte {
	if n := len(lr.spare); n > 0 {
		p := lr.spare[n-1]
		lr.spare = lr.spare[:n-1]
		return p[:0]
	}
	return make([]byte, 0, readBufferSize)
}

func (lr *lineReader) recycle() {
	lr.spare = append(lr.spare, lr.pieces...)
	lr.pieces = lr.pieces[:0]
}

// piecesContain reports whether the pieces, joined, contain marker,
// including where it straddles pieces (however short they are).
func piecesContain(pieces [][]byte, marker []byte) bool {
	k := len(marker) - 1
	var carry, seam []byte // the last k bytes before the current piece; carry + its head
	for _, p := range pieces {
		if containsMarker(p, marker) {
			return true
		}
		if len(carry) > 0 {
			seam = append(append(seam[:0], carry...), p[:min(len(p), k)]...)
			if containsMarker(seam, marker) {
				return true
			}
		}
		seam = append(append(seam[:0], carry...), p[max(0, len(p)-k):]...)
		carry = append(carry[:0], seam[max(0, len(seam)-k):]...)
	}
	return false
}

// trimEOL drops the trailing "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	b = b[:len(b)-1]
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}
