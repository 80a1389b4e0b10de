package diagnose

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

// Subscription is what the anthropic-ratelimit-unified-* headers of a
// Claude.ai-login (subscription) response say: the overall state, the
// window that binds, each window's use and reset, and the extra-usage
// (overage) meter. Anthropic does not document these headers; their meaning
// here is the one Claude Code and the community tools read into them.
type Subscription struct {
	// Status is allowed, allowed_warning or rejected.
	Status string `json:"status,omitempty"`
	// Claim is the representative claim: the window that binds now
	// (five_hour, seven_day, seven_day_opus, overage, …).
	Claim   string     `json:"claim,omitempty"`
	Reset   *time.Time `json:"reset,omitempty"`
	Windows []Window   `json:"windows"`
	Overage *Overage   `json:"overage,omitempty"`
	// Fallback says whether a fallback model is offered, and what share.
	Fallback           string   `json:"fallback,omitempty"`
	FallbackPercentage *float64 `json:"fallback_percentage,omitempty"`
}

// Window is one allowance window: 5h, 7d, 7d_opus, 7d_sonnet, 7d_oi.
type Window struct {
	Name  string `json:"name"`
	Claim string `json:"claim"`
	// Limit is the limit this window is, in the verdict's terms.
	Limit  Limit  `json:"limit"`
	Label  string `json:"label"`
	Status string `json:"status,omitempty"`
	// Utilization is the share used, 0-1 (it can pass 1).
	Utilization        *float64   `json:"utilization"`
	Reset              *time.Time `json:"reset"`
	ResetInS           *int64     `json:"reset_in_s"`
	SurpassedThreshold *float64   `json:"surpassed_threshold,omitempty"`
	// Binding marks the window that stopped the request.
	Binding bool `json:"binding"`
}

// Overage is the extra-usage (pay as you go) meter.
type Overage struct {
	Status         string     `json:"status,omitempty"`
	Utilization    *float64   `json:"utilization,omitempty"`
	Reset          *time.Time `json:"reset,omitempty"`
	InUse          string     `json:"in_use,omitempty"`
	DisabledReason string     `json:"disabled_reason,omitempty"`
}

const unifiedPrefix = "anthropic-ratelimit-unified-"

// windowInfo maps a header infix to its claim name, limit and label.
var windowInfo = map[string]struct {
	claim string
	limit Limit
	label string
}{
	"5h":        {"five_hour", LimitWindow5h, "5-hour window"},
	"7d":        {"seven_day", LimitWeekly, "weekly limit (all models)"},
	"7d_opus":   {"seven_day_opus", LimitWeeklyModel, "weekly Opus limit"},
	"7d_sonnet": {"seven_day_sonnet", LimitWeeklyModel, "weekly Sonnet limit"},
	"7d_oi":     {"seven_day_overage_included", LimitWeeklyModel, "weekly overage-included limit (Claude Code labels it Fable)"},
}

// reWindowName accepts window infixes not known yet: 7d_fable, 30d. It is
// compiled on first use, not at package init: every command links this
// package, and only a diagnosis reads it.
var reWindowName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,3}[hd](?:_[a-z]{1,20})?$`) })

// readSubscription reads the unified headers; nil when there are none.
func readSubscription(h paste.Header, ref time.Time, n *notes) *Subscription {
	names := map[string]bool{}
	found := false
	for k := range h {
		rest, ok := strings.CutPrefix(k, unifiedPrefix)
		if !ok {
			continue
		}
		found = true
		for _, field := range []string{"-status", "-utilization", "-reset", "-surpassed-threshold"} {
			if w, ok := strings.CutSuffix(rest, field); ok && reWindowName().MatchString(w) {
				names[w] = true
			}
		}
	}
	if !found {
		return nil
	}
	get := func(name string) string { v, _ := h.Get(unifiedPrefix + name); return strings.TrimSpace(v) }
	s := &Subscription{Status: clean(get("status"), 40), Claim: clean(get("representative-claim"), 60), Windows: []Window{}}
	s.Reset = unixHeader(h, "reset", n)
	for _, name := range sortedWindows(names) {
		w := Window{Name: name, Claim: name, Limit: LimitWeeklyModel, Label: name + " window", Status: clean(get(name+"-status"), 40)}
		if info, ok := windowInfo[name]; ok {
			w.Claim, w.Limit, w.Label = info.claim, info.limit, info.label
		} else if strings.HasSuffix(name, "h") {
			w.Limit = LimitWindow5h
		}
		w.Utilization = decimalHeader(h, name+"-utilization", n)
		w.SurpassedThreshold = decimalHeader(h, name+"-surpassed-threshold", n)
		if t := unixHeader(h, name+"-reset", n); t != nil {
			w.Reset = t
			in := ceilSeconds(t.Sub(ref))
			w.ResetInS = &in
		}
		s.Windows = append(s.Windows, w)
	}
	if st := get("overage-status"); st != "" || get("overage-disabled-reason") != "" {
		s.Overage = &Overage{Status: clean(st, 40), InUse: clean(get("overage-in-use"), 20),
			DisabledReason: clean(get("overage-disabled-reason"), 60),
			Utilization:    decimalHeader(h, "overage-utilization", n), Reset: unixHeader(h, "overage-reset", n)}
	}
	s.Fallback = clean(get("fallback"), 40)
	s.FallbackPercentage = decimalHeader(h, "fallback-percentage", n)
	return s
}

// sortedWindows orders the 5-hour window first, then the weekly ones.
func sortedWindows(names map[string]bool) []string {
	out := make([]string, 0, len(names))
	for k := range names {
		out = append(out, k)
	}
	rank := func(s string) int {
		switch {
		case s == "5h":
			return 0
		case s == "7d":
			return 1
		case strings.HasSuffix(s, "h"):
			return 2
		}
		return 3
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := rank(out[i]), rank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}

func unixHeader(h paste.Header, name string, n *notes) *time.Time {
	v, ok := h.Get(unifiedPrefix + name)
	if !ok {
		return nil
	}
	t, ok := parseUnix(v)
	if !ok {
		n.add("header %s%s: %s is not a Unix time in years 1-9999; ignored", unifiedPrefix, name, quote(v))
		return nil
	}
	return &t
}

func decimalHeader(h paste.Header, name string, n *notes) *float64 {
	v, ok := h.Get(unifiedPrefix + name)
	if !ok {
		return nil
	}
	f, ok := parseDecimal(v)
	if !ok {
		n.add("header %s%s: %s is not a decimal number; ignored", unifiedPrefix, name, quote(v))
		return nil
	}
	return &f
}

// rejected reports whether a window is used up: its status says so, or,
// without a status, its utilization reached 1.
func (w Window) rejected() bool {
	if w.Status != "" {
		return w.Status == "rejected"
	}
	return w.Utilization != nil && *w.Utilization >= 1
}

// bindingWindow picks the window that stopped the request: the claimed one
// when it is used up, else the used-up window that resets last (work waits
// for every used-up window). Nil when none is used up.
func (s *Subscription) bindingWindow() *Window {
	var pick *Window
	for i := range s.Windows {
		w := &s.Windows[i]
		if !w.rejected() {
			continue
		}
		if w.Claim == s.Claim {
			return w
		}
		if pick == nil || (w.Reset != nil && (pick.Reset == nil || w.Reset.After(*pick.Reset))) {
			pick = w
		}
	}
	return pick
}

// claimedWindow is the window the claim names, if reported.
func (s *Subscription) claimedWindow() *Window {
	for i := range s.Windows {
		if s.Windows[i].Claim == s.Claim {
			return &s.Windows[i]
		}
	}
	return nil
}

// limitForClaim maps a claim the headers name to a limit, for when its
// window's own headers are absent.
func limitForClaim(claim string) Limit {
	for _, info := range windowInfo {
		if info.claim == claim {
			return info.limit
		}
	}
	switch {
	case strings.HasPrefix(claim, "five_hour"):
		return LimitWindow5h
	case strings.HasPrefix(claim, "seven_day"):
		return LimitWeeklyModel
	}
	return LimitUnknown
}
