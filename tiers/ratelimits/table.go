package ratelimits

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tierplan/tierplan/tiers"
)

// OrgLimits are an organisation's limits in the words of a tier table: per
// pool, the Batch API's, and what could not be placed.
type OrgLimits struct {
	Pools map[string]tiers.Limits
	// Order lists the pools of Pools in the table's order.
	Order []string
	Batch *tiers.BatchLimits
	// Notes say what was left out or merged, and why: groups no model of
	// the table matches, limiter types this build does not know, pools the
	// table keeps apart that the API counts together. They hold text from
	// the server: escape before showing.
	Notes []string
}

// ForTable places each model group on the table's pools through the
// table's match prefixes, and the batch group on the tier's batch limits.
// A group that covers pools the table keeps apart gives each of them its
// limits (with a note: they share one bucket); two groups on one pool keep
// the lower of each limit (with a note).
func ForTable(entries []Entry, t *tiers.Table) OrgLimits {
	out := OrgLimits{Pools: map[string]tiers.Limits{}}
	unknownTypes := map[string]bool{}
	from := map[string]string{} // pool → the group that set it
	for _, e := range entries {
		switch e.GroupType {
		case "model_group":
			out.placeModelGroup(e, t, from, unknownTypes)
		case "batch":
			b := tiers.BatchLimits{}
			for _, l := range e.Limits {
				switch l.Type {
				case "requests_per_minute":
					b.RPM = l.Value
				case "enqueued_batch_requests":
					b.QueueRequests = l.Value
				default:
					unknownTypes["batch "+l.Type] = true
				}
			}
			if b.RPM > 0 || b.QueueRequests > 0 {
				out.Batch = &b
			}
		default: // files, skills, token_count, web_search: not modelled
		}
	}
	for _, k := range sortedKeys(unknownTypes) {
		out.Notes = append(out.Notes, fmt.Sprintf("limiter type %q is not modelled; left out", k))
	}
	var missing []string
	for _, p := range t.Pools {
		if _, ok := out.Pools[p]; ok {
			out.Order = append(out.Order, p)
		} else if limitedSomewhere(t, p) {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("the API returned no limits for pools %s (models the organisation may not use): the tier lists none for them", strings.Join(missing, ", ")))
	}
	return out
}

func limitedSomewhere(t *tiers.Table, pool string) bool {
	for _, x := range t.Tiers {
		if _, ok := x.Limits[pool]; ok {
			return true
		}
	}
	return false
}

func (o *OrgLimits) placeModelGroup(e Entry, t *tiers.Table, from map[string]string, unknownTypes map[string]bool) {
	name := groupName(e)
	pools := map[string]bool{}
	for _, id := range e.Models {
		if m, ok := t.MatchModel(id); ok {
			pools[m.Pool] = true
		}
	}
	if len(pools) == 0 {
		o.Notes = append(o.Notes, fmt.Sprintf("group %s: no model of the tier table matches its models; left out", name))
		return
	}
	var l tiers.Limits
	for _, x := range e.Limits {
		switch x.Type {
		case "requests_per_minute":
			l.RPM = x.Value
		case "input_tokens_per_minute":
			l.ITPM = x.Value
		case "output_tokens_per_minute":
			l.OTPM = x.Value
		case "tokens_per_minute":
			l.TPM = x.Value
		case "tokens_per_day":
			l.TokensPerDay = x.Value
		case "requests_per_day":
			l.RequestsPerDay = x.Value
		default:
			unknownTypes[x.Type] = true
		}
	}
	if l == (tiers.Limits{}) {
		o.Notes = append(o.Notes, fmt.Sprintf("group %s: no limit this build models; left out", name))
		return
	}
	names := sortedKeys(pools)
	if len(names) > 1 {
		o.Notes = append(o.Notes, fmt.Sprintf("group %s counts pools %s together; the table keeps them apart, so each gets the group's limits (plan them as one)", name, strings.Join(names, ", ")))
	}
	for _, p := range names {
		v := l
		if prev, dup := o.Pools[p]; dup {
			o.Notes = append(o.Notes, fmt.Sprintf("pool %s is in groups %s and %s; the lower of each limit is kept", p, from[p], name))
			v = lower(prev, l)
		}
		o.Pools[p], from[p] = v, name
	}
}

// groupName names a group for messages: its display name, else its first
// models.
func groupName(e Entry) string {
	if e.Name != "" {
		return fmt.Sprintf("%q", e.Name)
	}
	ms := e.Models
	if len(ms) > 3 {
		ms = append(ms[:3:3], "…")
	}
	return "(" + strings.Join(ms, ", ") + ")"
}

func lower(a, b tiers.Limits) tiers.Limits {
	m := func(x, y int64) int64 {
		switch {
		case x == 0:
			return y
		case y == 0:
			return x
		}
		return min(x, y)
	}
	return tiers.Limits{RPM: m(a.RPM, b.RPM), ITPM: m(a.ITPM, b.ITPM), OTPM: m(a.OTPM, b.OTPM), TPM: m(a.TPM, b.TPM),
		TokensPerDay: m(a.TokensPerDay, b.TokensPerDay), RequestsPerDay: m(a.RequestsPerDay, b.RequestsPerDay)}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
