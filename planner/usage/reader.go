package usage

import (
	"bufio"
	"io"
)

// readBufferSize is the fixed read buffer; lines longer than it are
// assembled in a separate buffer that grows to the longest line seen.
const readBufferSize = 256 << 10

// lineReader yields the lines of a stream one at a time. Memory is the read
// buffer plus the longest line: a multi-GB transcript is never held whole,
// and a 50 MB tool-result line is read like any other.
type lineReader struct {
	r    *bufio.Reader
	long []byte // assembles lines longer than the read buffer
	n    int64  // bytes consumed, for progress
	// lineNo is the number of the line last returned, from 1.
	lineNo int
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
// being written. The returned slice is valid until the next call. At the
// end of the stream next returns io.EOF.
func (lr *lineReader) next() (line []byte, complete bool, err error) {
	frag, err := lr.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		lr.long = append(lr.long[:0], frag...)
		for err == bufio.ErrBufferFull {
			frag, err = lr.r.ReadSlice('\n')
			lr.long = append(lr.long, frag...)
		}
		frag = lr.long
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

// trimEOL drops the trailing "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	b = b[:len(b)-1]
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}
