package paste

import (
	"bytes"
	"fmt"
	"regexp"
	"sync"
)

// The status and protocol of a Go response dump. The expressions are
// compiled on first use, not at package init: every command links this
// package, and only a paste being read needs them.
var (
	reGoStatus = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`StatusCode:([1-5][0-9]{2})\b`) })
	reGoProto  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bProto:(HTTP/[0-9.]+)`) })
)

// isGoDump spots fmt.Printf("%+v", resp) of a Go *http.Response:
// &{Status:429 Too Many Requests StatusCode:429 Proto:HTTP/2.0 … Header:map[…] …}.
func isGoDump(b []byte) bool {
	return (bytes.HasPrefix(b, []byte("&{Status:")) || bytes.HasPrefix(b, []byte("{Status:"))) &&
		bytes.Contains(b, []byte("StatusCode:"))
}

// readGoDump reads the status and Header map of a Go response dump. The
// body is a pointer in the dump; a JSON error body printed after it is read
// as an error line's would be.
func readGoDump(data []byte) (Response, error) {
	var n notes
	resp := Response{Form: FormGoResponse, Header: Header{}}
	if m := reGoStatus().FindSubmatch(data); m != nil {
		resp.Status, _ = statusCode(string(m[1]))
	}
	if m := reGoProto().FindSubmatch(data); m != nil {
		resp.Proto = string(m[1])
	}
	i := bytes.Index(data, []byte("Header:map["))
	if i < 0 {
		return Response{}, fmt.Errorf("line 1: a Go response dump without its Header:map[…]: print the response with %%+v")
	}
	end := readGoHeaderMap(data[i+len("Header:map["):], resp.Header)
	rest := data[i+len("Header:map[")+end:]
	if j := bytes.IndexByte(rest, '{'); j >= 0 {
		if b, _, ok := bodyAt(rest[j:], &n); ok {
			resp.Body = b
		}
	}
	resp.Notes = finishNotes(&n, resp.Header)
	return resp, nil
}

// readGoHeaderMap reads "Name:[v] Name:[v w] …]" into h and returns where
// the map ends. A value may hold spaces and brackets (a date, a JSON
// value), so a value ends only at "]" followed by " Name:[" or by the
// map's own "]".
func readGoHeaderMap(s []byte, h Header) int {
	i := 0
	for i < len(s) && s[i] != ']' {
		colon := bytes.Index(s[i:], []byte(":["))
		if colon <= 0 {
			break
		}
		name := string(s[i : i+colon])
		j := i + colon + 2
		end := -1
		for k := j; k < len(s); k++ {
			if s[k] != ']' {
				continue
			}
			if k+1 >= len(s) || s[k+1] == ']' || (s[k+1] == ' ' && nextIsGoKey(s[k+2:])) {
				end = k
				break
			}
		}
		if end < 0 {
			return len(s)
		}
		if isToken(name) {
			h.Add(name, string(s[j:end]))
		}
		i = end + 1
		if i < len(s) && s[i] == ' ' {
			i++
		}
	}
	if i < len(s) {
		i++ // the map's closing bracket
	}
	return i
}

// nextIsGoKey reports whether s starts with a header name and ":[".
func nextIsGoKey(s []byte) bool {
	k := 0
	for k < len(s) && k < 100 && s[k] != ':' {
		c := s[k]
		if !(c == '-' || isIdentChar(c)) {
			return false
		}
		k++
	}
	return k > 0 && k+1 < len(s) && s[k] == ':' && s[k+1] == '['
}
