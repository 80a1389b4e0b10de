// Package ratelimits reads an organisation's configured rate limits from
// Anthropic's Rate Limits API (GET /v1/organizations/rate_limits, and a
// workspace's with the limits it inherits) and turns them into a tier of
// the user's own tier table. It touches the network only through the
// *http.Client it is given and prints nothing; the admin key goes in the
// x-api-key header and nowhere else: not in a URL, an error or a result.
package ratelimits

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Entry is one rate-limit group of the organisation (a model family, the
// Batch API, the Files API, …) with the limits configured for it.
type Entry struct {
	// GroupType is model_group, batch, files, skills, token_count or
	// web_search (or a type this build does not know).
	GroupType string
	// GroupID is the group's stable id (rlg_…); empty in answers that do
	// not carry it.
	GroupID string
	// Name is the group's display name (model groups), for messages.
	Name string
	// Models lists every model id and alias counted against a model group.
	Models []string
	Limits []Limit
}

// Limit is one limiter of a group.
type Limit struct {
	// Type is the limiter: requests_per_minute, input_tokens_per_minute,
	// output_tokens_per_minute, enqueued_batch_requests, or another.
	Type  string
	Value int64
	// Workspace is true for a workspace's own override; false for an
	// organisation limit (or one a workspace inherits).
	Workspace bool
}

// Page is one page of the API's answer.
type Page struct {
	Entries []Entry
	// NextPage is the token of the next page; "" on the last.
	NextPage string
}

// MaxValue bounds a limit: no configured limit comes near it, and a value
// past it is a broken answer, not a limit to plan against.
const MaxValue = 1 << 50

// maxEntries bounds the groups one page may hold.
const maxEntries = 10_000

// The wire shapes: what the API sends, before checking.
type wirePage struct {
	Data     *[]wireEntry `json:"data"`
	NextPage *string      `json:"next_page"`
}

type wireEntry struct {
	Type      string       `json:"type"`
	Group     *wireGroup   `json:"group"`
	GroupType string       `json:"group_type"`
	Models    []string     `json:"models"`
	Limits    *[]wireLimit `json:"limits"`
}

type wireGroup struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	DisplayName string `json:"display_name"`
}

type wireLimit struct {
	Type     string          `json:"type"`
	Value    json.RawMessage `json:"value"`
	OrgLimit json.RawMessage `json:"org_limit"`
	Source   *struct {
		Type string `json:"type"`
	} `json:"source"`
}

// ParsePage reads one page of the Rate Limits API's answer. workspace says
// the page came from a workspace's endpoint, whose entries are overrides
// unless a limit's source says it is the organisation's. Every problem names
// the field, as data[2].limits[0].value.
func ParsePage(data []byte, workspace bool) (Page, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var w wirePage
	if err := dec.Decode(&w); err != nil {
		return Page{}, jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Page{}, errors.New("more than one JSON value in the answer")
	}
	if w.Data == nil {
		return Page{}, errors.New("no data list in the answer")
	}
	if len(*w.Data) > maxEntries {
		return Page{}, fmt.Errorf("%d rate-limit groups on one page: more than the %d expected", len(*w.Data), maxEntries)
	}
	var p Page
	if w.NextPage != nil {
		p.NextPage = *w.NextPage
	}
	for i, we := range *w.Data {
		e, err := entry(we, workspace)
		if err != nil {
			return Page{}, fmt.Errorf("data[%d]%s", i, err)
		}
		p.Entries = append(p.Entries, e)
	}
	return p, nil
}

func entry(we wireEntry, workspace bool) (Entry, error) {
	switch we.Type {
	case "rate_limit", "workspace_rate_limit", "":
	default:
		return Entry{}, fmt.Errorf(".type: %q is not a rate limit", we.Type)
	}
	e := Entry{GroupType: we.GroupType, Models: we.Models}
	if g := we.Group; g != nil {
		e.GroupID, e.Name = g.ID, g.DisplayName
		if e.GroupType == "" {
			e.GroupType = g.Type
		} else if g.Type != "" && g.Type != e.GroupType {
			return Entry{}, fmt.Errorf(".group.type %q differs from group_type %q", g.Type, e.GroupType)
		}
	}
	if e.GroupType == "" {
		return Entry{}, errors.New(": no group_type")
	}
	if we.Limits == nil {
		return Entry{}, errors.New(": no limits list")
	}
	for j, wl := range *we.Limits {
		if wl.Type == "" {
			return Entry{}, fmt.Errorf(".limits[%d].type: missing", j)
		}
		v, err := wholeNumber(wl.Value)
		if err != nil {
			return Entry{}, fmt.Errorf(".limits[%d].value: %v", j, err)
		}
		if len(wl.OrgLimit) > 0 && string(wl.OrgLimit) != "null" {
			if _, err := wholeNumber(wl.OrgLimit); err != nil {
				return Entry{}, fmt.Errorf(".limits[%d].org_limit: %v", j, err)
			}
		}
		own := workspace
		if wl.Source != nil {
			switch wl.Source.Type {
			case "workspace":
				own = true
			case "organization":
				own = false
			default:
				return Entry{}, fmt.Errorf(".limits[%d].source.type: %q is neither workspace nor organization", j, wl.Source.Type)
			}
		}
		e.Limits = append(e.Limits, Limit{Type: wl.Type, Value: v, Workspace: own})
	}
	return e, nil
}

// wholeNumber reads a limit: a JSON number that is whole, not negative and
// at most MaxValue (4000 and 4000.0 alike).
func wholeNumber(raw json.RawMessage) (int64, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return 0, errors.New("missing")
	}
	if s[0] == '"' || s[0] == '{' || s[0] == '[' || s == "true" || s == "false" {
		return 0, fmt.Errorf("expected a number, found %s", clip(s))
	}
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("expected a number, found %s", clip(s))
	case err != nil || f > MaxValue:
		return 0, fmt.Errorf("%s is too large for a limit", clip(s))
	case f < 0:
		return 0, fmt.Errorf("%s is negative", clip(s))
	case f != math.Trunc(f):
		return 0, fmt.Errorf("%s is not a whole number", clip(s))
	}
	return int64(f), nil
}

// jsonError names where the answer stopped being JSON or took a wrong type.
func jsonError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("not JSON (at byte %d): %v", se.Offset, se)
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "the answer"
		}
		return fmt.Errorf("%s: expected %s, found a JSON %s", field, describeGo(te.Type.String()), te.Value)
	case errors.Is(err, io.EOF):
		return errors.New("empty answer")
	}
	return fmt.Errorf("not JSON: %v", err)
}

func describeGo(t string) string {
	switch {
	case t == "string", t == "*string":
		return "text"
	case strings.HasPrefix(t, "[]"), strings.HasPrefix(t, "*[]"):
		return "a list"
	}
	return "an object"
}

// clip keeps a value quoted in a message short.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
