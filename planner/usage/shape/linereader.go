package shape

import (
	"bufio"
	"bytes"
	"io"
)

// maxLineBytes bounds the line kept in memory. Tool results of many MB
// (images, huge command output) are real; a line past this bound is
// counted as unreadable and skipped, and the read goes on with the next.
// A variable so tests can lower it.
var maxLineBytes = 256 << 20

// lineReader yields whole lines: unlike package usage, which only needs
// usage lines, the shape needs every user line, tool results included.
// Memory is the read buffer plus the longest line.
type lineReader struct {
	r      *bufio.Reader
	buf    []byte
	lineNo int   // the number of the line last returned, from 1
	n      int64 // bytes read
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
	if head, err := lr.r.Peek(len(utf8BOM)); err == nil && bytes.Equal(head, utf8BOM) {
		lr.r.Discard(len(utf8BOM))
		lr.n = int64(len(utf8BOM))
	}
	return lr
}

// next returns the next line without its line end. complete is false for a
// last line without a newline (a file cut short or still being written);
// tooLong is set, and the line nil, when it exceeded maxLineBytes. At the
// end of the stream next returns io.EOF.
func (lr *lineReader) next() (b []byte, complete, tooLong bool, err error) {
	if cap(lr.buf) > 4<<20 {
		lr.buf = nil // do not keep a huge line's buffer for the short ones after it
	}
	lr.buf = lr.buf[:0]
	for {
		frag, err := lr.r.ReadSlice('\n')
		lr.n += int64(len(frag))
		// room for the line end: the bound is on the line itself
		if !tooLong && len(lr.buf)+len(frag) <= maxLineBytes+len("\r\n") {
			lr.buf = append(lr.buf, frag...)
		} else {
			tooLong, lr.buf = true, lr.buf[:0]
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == nil:
			lr.lineNo++
			b := trimEOL(lr.buf)
			if tooLong || len(b) > maxLineBytes {
				return nil, true, true, nil
			}
			return b, true, false, nil
		case err == io.EOF && (tooLong || len(lr.buf) > maxLineBytes):
			lr.lineNo++
			return nil, false, true, nil
		case err == io.EOF && len(lr.buf) > 0:
			lr.lineNo++
			return lr.buf, false, false, nil
		default:
			return nil, false, false, err
		}
	}
}

// trimEOL drops a trailing "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	if len(b) == 0 || b[len(b)-1] != '\n' {
		return b
	}
	b = b[:len(b)-1]
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}
