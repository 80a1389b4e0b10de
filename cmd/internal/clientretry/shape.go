package clientretry

import (
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/planner/simulate"
)

// Shape describes the first messages request of one prompt, and counts
// the requests the prompt caused.
func Shape(msgs []fakeapi.Request) simulate.RequestShape {
	if len(msgs) == 0 {
		return simulate.RequestShape{}
	}
	r := msgs[0]
	b := r.Body
	s := simulate.RequestShape{Model: b.Model, MaxTokens: b.MaxTokens, Stream: b.Stream, BodyBytes: b.Bytes,
		SystemBytes: b.SystemBytes, SystemBlocks: b.SystemBlocks, Tools: append([]string{}, b.Tools...),
		ToolBytes: b.ToolBytes, Thinking: b.ThinkingType, ThinkingBudget: b.ThinkingBudget,
		Fields: append([]string{}, b.Fields...), Query: r.RawQuery, RequestsPerPrompt: len(msgs)}
	for _, v := range r.Header.Values("anthropic-beta") {
		for _, beta := range strings.Split(v, ",") {
			if beta = strings.TrimSpace(beta); beta != "" {
				s.Betas = append(s.Betas, beta)
			}
		}
	}
	return s
}

// Runtime names the platform a client reported in its x-stainless-*
// headers, e.g. "node v20.20.2, Linux x64".
func Runtime(msgs []fakeapi.Request) string {
	if len(msgs) == 0 {
		return ""
	}
	h := msgs[0].Header
	return strings.TrimSpace(h.Get("x-stainless-runtime") + " " + h.Get("x-stainless-runtime-version") + ", " +
		h.Get("x-stainless-os") + " " + h.Get("x-stainless-arch"))
}
