package paste

import (
	"encoding/json"
	"fmt"
)

// readJSONString reads a paste that is one JSON string, as a log or an
// error report stores an error: "Error: 429 {\"type\":\"error\",…}". The
// string is unescaped and read again as a paste of its own.
func readJSONString(trimmed []byte, depth int) (Response, error) {
	var s string
	end, ok := stringEnd(trimmed)
	if ok {
		ok = json.Unmarshal(trimmed[:end], &s) == nil
	}
	if !ok {
		joined, _ := rejoinWrapped(trimmed)
		if end, ok = stringEnd(joined); ok {
			ok = json.Unmarshal(joined[:end], &s) == nil
		}
	}
	if !ok {
		return Response{}, fmt.Errorf("line 1: starts with a quote but is not a JSON string: %s", expected)
	}
	resp, err := parse([]byte(s), depth+1)
	if err != nil {
		return Response{}, fmt.Errorf("inside the JSON string: %w", err)
	}
	inner := resp.Form
	resp.Form = FormJSONString
	resp.Notes = append([]string{"unescaped the JSON string; inside it: " + inner.Words()}, resp.Notes...)
	return resp, nil
}

// stringEnd finds the end of the JSON string that s starts with (s[0] is a
// quote), just after its closing quote.
func stringEnd(s []byte) (int, bool) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return 0, false
}
