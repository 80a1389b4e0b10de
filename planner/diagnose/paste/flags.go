package paste

import "fmt"

// FromHeaderLines builds a Response from a status (0 when unknown) and
// "name: value" lines, as given on the command line with --status and
// --header. Unlike a paste, each line here was typed on purpose, so a
// malformed one is an error rather than a skipped line.
func FromHeaderLines(status int, lines []string) (Response, error) {
	if status != 0 && (status < 100 || status > 599) {
		return Response{}, fmt.Errorf("status %d is outside 100-599", status)
	}
	resp := Response{Form: FormFlags, Status: status, Header: Header{}}
	for _, line := range lines {
		name, value, ok := splitColon(line)
		if !ok {
			return Response{}, fmt.Errorf("header %s: expected \"name: value\"", quote(line))
		}
		resp.Header.Add(name, value)
	}
	var n notes
	resp.Notes = finishNotes(&n, resp.Header)
	return resp, nil
}

// Merge adds the headers of given to r and takes its status and body where
// given has them, so --status and --header can complete or correct a pasted
// response (given values win). Each pasted value that a different given one
// replaces is noted, so none is lost unsaid.
func (r Response) Merge(given Response) Response {
	out := r
	out.Header = Header{}
	for k, v := range given.Header {
		out.Header[k] = append([]string(nil), v...)
	}
	for k, v := range r.Header {
		if _, ok := given.Header[k]; !ok {
			out.Header[k] = append([]string(nil), v...)
		}
	}
	if given.Status != 0 {
		out.Status = given.Status
	}
	if len(given.Body) > 0 {
		out.Body = given.Body
	}
	out.Notes = append(append([]string(nil), r.Notes...), given.Notes...)
	out.Notes = append(out.Notes, replacedNotes(r, given)...)
	return out
}

// replacedNotes lists the pasted status and headers that given values
// replace with different ones.
func replacedNotes(pasted, given Response) []string {
	var notes []string
	if given.Status != 0 && pasted.Status != 0 && given.Status != pasted.Status {
		notes = append(notes, fmt.Sprintf("status %d given replaces the input's %d", given.Status, pasted.Status))
	}
	for _, name := range given.Header.Names() {
		was, ok := pasted.Header.Get(name)
		if now, _ := given.Header.Get(name); ok && now != was {
			notes = append(notes, fmt.Sprintf("header %s %s given replaces the input's %s", name, quote(now), quote(was)))
		}
	}
	return notes
}
