package paste

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
)

// harDoc is the part of a HAR file (a browser's "Save all as HAR") that
// matters: each entry's request line and response.
type harDoc struct {
	Log struct {
		Entries []struct {
			Request struct {
				Method string `json:"method"`
				URL    string `json:"url"`
			} `json:"request"`
			Response struct {
				Status      int    `json:"status"`
				HTTPVersion string `json:"httpVersion"`
				Headers     []struct {
					Name  string `json:"name"`
					Value string `json:"value"`
				} `json:"headers"`
				Content struct {
					Text     string `json:"text"`
					Encoding string `json:"encoding"`
				} `json:"content"`
			} `json:"response"`
		} `json:"entries"`
	} `json:"log"`
}

// readHAR reads the response of one HAR entry: the last with an error
// status, else the last. Request headers (which carry the API key) are never
// read; the entry is named by method, host and path only, since a query
// string can hold a key too.
func readHAR(raw []byte, n *notes) (Response, error) {
	var doc harDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		return Response{}, fmt.Errorf("line 1: a HAR file, but its log.entries do not read: %v", err)
	}
	entries := doc.Log.Entries
	if len(entries) == 0 {
		return Response{}, fmt.Errorf("line 1: a HAR file with no entries: export it from the network panel after the failing request")
	}
	pick := len(entries) - 1
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].Response.Status >= 400 {
			pick = i
			break
		}
	}
	e := entries[pick]
	resp := Response{Form: FormHAR, Header: Header{}, Proto: e.Response.HTTPVersion}
	if code, ok := statusCode(fmt.Sprint(e.Response.Status)); ok {
		resp.Status = code
	} else if e.Response.Status != 0 {
		n.add("HAR entry %d: status %d is not an HTTP status code; ignored", pick+1, e.Response.Status)
	}
	for _, h := range e.Response.Headers {
		if isToken(h.Name) || (len(h.Name) > 1 && h.Name[0] == ':' && isToken(h.Name[1:])) {
			resp.Header.Add(h.Name, h.Value)
		}
	}
	resp.Body = []byte(e.Response.Content.Text)
	if e.Response.Content.Encoding == "base64" {
		if b, err := base64.StdEncoding.DecodeString(e.Response.Content.Text); err == nil {
			resp.Body = b
		}
	}
	n.add("read HAR entry %d of %d: %s %s", pick+1, len(entries), quoteShortWord(e.Request.Method), quote(hostPath(e.Request.URL)))
	resp.Notes = finishNotes(n, resp.Header)
	return resp, nil
}

// hostPath is a URL without its scheme, credentials, query or fragment.
func hostPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(unreadable URL)"
	}
	return u.Host + u.EscapedPath()
}

func quoteShortWord(s string) string {
	if s == "" || !isToken(s) {
		return "request"
	}
	return s
}
