package paste

import (
	"bytes"
	"regexp"
)

// Go's regexp is linear but slow on megabytes without a literal to anchor
// on. The text reader therefore finds candidate lines with bytes.Index on
// literals first (fast), and runs each expression on those lines only.

// eachLine calls fn with the start offset and bytes of every line of data
// that holds one of the literals, in order, each line once, until fn
// returns false. The next position of each literal is kept, so the scan is
// linear however rare or frequent each literal is.
func eachLine(data []byte, literals []string, fn func(start int, line []byte) bool) {
	next := make([]int, len(literals))
	for i, lit := range literals {
		next[i] = index(data, 0, lit)
	}
	pos := 0
	for {
		at := -1
		for i, lit := range literals {
			if next[i] >= 0 && next[i] < pos {
				next[i] = index(data, pos, lit)
			}
			if next[i] >= 0 && (at < 0 || next[i] < at) {
				at = next[i]
			}
		}
		if at < 0 {
			return
		}
		start := bytes.LastIndexByte(data[:at], '\n') + 1
		end := len(data)
		if e := bytes.IndexByte(data[at:], '\n'); e >= 0 {
			end = at + e
		}
		if !fn(start, data[start:end]) {
			return
		}
		pos = end + 1
	}
}

func index(data []byte, from int, lit string) int {
	if from > len(data) {
		return -1
	}
	if i := bytes.Index(data[from:], []byte(lit)); i >= 0 {
		return from + i
	}
	return -1
}

// lineMatches returns, for the lines holding a literal, the matches of re
// as offsets into data (submatch indexes), up to max matches (0: all).
func lineMatches(data []byte, re *regexp.Regexp, literals []string, max int) [][]int {
	var out [][]int
	eachLine(data, literals, func(start int, line []byte) bool {
		for _, m := range re.FindAllSubmatchIndex(line, -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += start
				}
			}
			out = append(out, m)
			if max > 0 && len(out) >= max {
				return false
			}
		}
		return true
	})
	return out
}

// lastLineMatch is the last match of re on a line holding a literal.
func lastLineMatch(data []byte, re *regexp.Regexp, literals []string) []int {
	all := lineMatches(data, re, literals, 0)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// statusBraces finds "429 {" places (a three-digit status, a space, a
// brace; "429 429 {" too) by the brace, keeping the last max of them as
// [status start, status end, brace] offsets.
func statusBraces(data []byte, max int) [][3]int {
	var out [][3]int
	for pos := 0; ; {
		i := bytes.IndexByte(data[pos:], '{')
		if i < 0 {
			return out
		}
		b := pos + i
		pos = b + 1
		s := b - 4
		if s >= 4 && data[s+3] == ' ' && isStatusAt(data, s) && isStatusAt(data, s-4) && data[s-1] == ' ' {
			s -= 4 // "500 500 {": the first
		}
		if s < 0 || data[b-1] != ' ' || !isStatusAt(data, s) || (s > 0 && isWordByte(data[s-1])) {
			continue
		}
		out = append(out, [3]int{s, s + 3, b})
		if len(out) > max {
			out = out[1:]
		}
	}
}

func isStatusAt(data []byte, s int) bool {
	if s < 0 || s+3 > len(data) {
		return false
	}
	_, ok := statusCode(string(data[s : s+3]))
	return ok
}

func isWordByte(c byte) bool { return isIdentChar(c) || c == '.' }
