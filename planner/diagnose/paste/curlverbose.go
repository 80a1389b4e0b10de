package paste

import (
	"bytes"
	"errors"
	"strings"
)

// isCurlVerbose spots curl -v output: "* " progress lines, "> " request
// lines and "< " response lines, with a "< HTTP/…" status line.
func isCurlVerbose(b []byte) bool {
	return (bytes.HasPrefix(b, []byte("* ")) || bytes.HasPrefix(b, []byte("> ")) || bytes.HasPrefix(b, []byte("< "))) &&
		bytes.Contains(b, []byte("\n< HTTP/"))
}

// readCurlVerbose reads the response of curl -v output: the "< " lines
// (status line and headers) and the body lines among curl's own. The "> "
// request lines, which carry the API key, are never read.
func readCurlVerbose(data []byte) (Response, error) {
	var head, body bytes.Buffer
	inResponse := false
	for pos := 0; pos < len(data); {
		line, next := readLine(data, pos)
		switch {
		case strings.HasPrefix(line, "< "):
			if strings.HasPrefix(line, "< HTTP/") {
				head.Reset() // a later response (after 100 Continue, a redirect) replaces the earlier
			}
			head.WriteString(line[2:] + "\n")
			inResponse = true
		case line == "<":
			head.WriteString("\n")
		case strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "> ") || line == ">" || strings.HasPrefix(line, "{ [") || strings.HasPrefix(line, "} ["):
			// curl's own lines, the request, and -v's data markers
		default:
			if inResponse {
				body.WriteString(line + "\n")
			}
		}
		pos = next
	}
	raw := head.Bytes()
	if !bytes.HasSuffix(raw, []byte("\n\n")) {
		raw = append(raw, '\n')
	}
	resp, err := readRaw(append(raw, body.Bytes()...))
	if err != nil {
		// Line numbers would count the extracted lines, not the user's.
		msg := err.Error()
		if _, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "line ") {
			msg = rest
		}
		return Response{}, errors.New("in the \"< \" lines of curl -v output: " + msg)
	}
	resp.Form = FormCurlVerbose
	return resp, nil
}
