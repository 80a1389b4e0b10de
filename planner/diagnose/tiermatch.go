package diagnose

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tierplan/tierplan/tiers"
)

// TierMatch places the response's limits in the tier table: the tiers (and
// pools) whose figures the -limit headers equal, and the next tier up that
// would lift the binding limit or spend cap. The headers never prove a tier:
// several tiers can share figures, and a workspace limit set lower can equal
// a lower tier's, so the match is "consistent with", never "you are on".
type TierMatch struct {
	// Table names the tier table used, with its as_of date.
	Table string `json:"table"`
	// ConsistentWith lists the tiers whose figures equal every limit the
	// headers give, in table order; empty when none does.
	ConsistentWith []string `json:"consistent_with"`
	// Pool is the matching pool, or several ("opus-4, sonnet-4") when pools
	// share figures; the first decides the next tier.
	Pool string `json:"pool,omitempty"`
	// Next is the first later tier with a higher figure for the binding
	// limit; NextLimit is that figure (per minute, or the monthly cap in
	// dollars for a spend cap, formatted).
	Next      string `json:"next,omitempty"`
	NextLimit string `json:"next_limit,omitempty"`
	// Negotiated names a later tier with unpublished limits (Custom), the
	// way past the last published one.
	Negotiated string `json:"negotiated,omitempty"`
	// unrated is set when the table has no figure for the binding limit
	// (a combined tokens bucket the table does not list), so no tier can be
	// said to lift it.
	unrated bool
}

type tierScore struct {
	tier  int
	pool  string
	score int
}

// matchTier finds the tier and pool whose RPM/ITPM/OTPM equal the -limit
// headers. A pool matches when every header it has a figure for agrees;
// the most agreeing headers win. Returns nil without a table or limits.
func matchTier(table *tiers.Table, buckets []Bucket, kind Kind, limit Limit, n *notes) *TierMatch {
	if table == nil || len(table.Tiers) == 0 {
		return nil
	}
	headerLimits := map[Limit]int64{}
	for _, b := range buckets {
		if b.Provider == "anthropic" && b.Limit != nil && b.Measures != LimitTokens {
			headerLimits[b.Measures] = *b.Limit
		}
	}
	if len(headerLimits) == 0 {
		return nil
	}
	m := &TierMatch{Table: tableName(table), ConsistentWith: []string{}}
	best := bestTiers(table, headerLimits)
	if len(best) == 0 {
		n.add("the limits in the headers (%s) match no tier in %s: a workspace limit set lower, or a table out of date",
			describeLimits(headerLimits), m.Table)
		return m
	}
	m.ConsistentWith = distinctTiers(table, best)
	var pools []string
	for _, b := range best {
		if !contains(pools, b.pool) {
			pools = append(pools, b.pool)
		}
	}
	m.Pool = strings.Join(pools, ", ")
	cur := best[0]
	if kind == KindRateLimit && limit != LimitUnknown && headerLimits[limit] == 0 && figure(table.Tiers[cur.tier].Limits[cur.pool], limit) == 0 {
		m.unrated = true
		return m
	}
	if kind == KindRateLimit || kind == KindSpendCap {
		nextTier(table, cur, kind, limit, headerLimits, m)
	}
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func bestTiers(table *tiers.Table, headerLimits map[Limit]int64) []tierScore {
	var best []tierScore
	for ti, t := range table.Tiers {
		if t.Negotiated {
			continue
		}
		pools := make([]string, 0, len(t.Limits))
		for p := range t.Limits {
			pools = append(pools, p)
		}
		sort.Strings(pools)
		for _, p := range pools {
			s := scorePool(t.Limits[p], headerLimits)
			switch {
			case s <= 0:
			case len(best) == 0 || s > best[0].score:
				best = []tierScore{{ti, p, s}}
			case s == best[0].score:
				best = append(best, tierScore{ti, p, s})
			}
		}
	}
	return best
}

// scorePool counts the header limits a pool's figures equal; -1 when one
// disagrees.
func scorePool(l tiers.Limits, headerLimits map[Limit]int64) int {
	score := 0
	for lim, v := range headerLimits {
		fig := figure(l, lim)
		if fig == 0 {
			continue
		}
		if fig != v {
			return -1
		}
		score++
	}
	return score
}

// figure is a pool's limit for one dimension (0 = the tier sets none).
func figure(l tiers.Limits, lim Limit) int64 {
	switch lim {
	case LimitRPM:
		return l.RPM
	case LimitITPM:
		return l.ITPM
	case LimitOTPM:
		return l.OTPM
	case LimitTokens:
		return l.TPM
	}
	return 0
}

func distinctTiers(table *tiers.Table, s []tierScore) []string {
	var out []string
	seen := map[int]bool{}
	for _, x := range s {
		if !seen[x.tier] {
			seen[x.tier] = true
			out = append(out, table.Tiers[x.tier].Name)
		}
	}
	return out
}

// nextTier fills in the first later tier that lifts the binding limit (or,
// for a spend cap, has a higher cap or none), and a negotiated tier beyond.
// Every tier consistent with the headers has the binding limit's figure the
// headers give, so the first tier with a higher one lies past them all.
func nextTier(table *tiers.Table, cur tierScore, kind Kind, limit Limit, headerLimits map[Limit]int64, m *TierMatch) {
	curTier := table.Tiers[cur.tier]
	for _, t := range table.Tiers[cur.tier+1:] {
		if t.Negotiated {
			if m.Negotiated == "" {
				m.Negotiated = t.Name
			}
			continue
		}
		if m.Next != "" || contains(m.ConsistentWith, t.Name) {
			continue
		}
		switch {
		case kind == KindSpendCap && curTier.HasSpendCap && (!t.HasSpendCap || t.MonthlySpendCap > curTier.MonthlySpendCap):
			m.Next = t.Name
			m.NextLimit = "no monthly cap"
			if t.HasSpendCap {
				m.NextLimit = t.MonthlySpendCap.String() + " a month"
			}
		case kind == KindRateLimit:
			have := headerLimits[limit]
			if have == 0 {
				have = figure(curTier.Limits[cur.pool], limit)
			}
			if fig := figure(t.Limits[cur.pool], limit); have > 0 && fig > have {
				m.Next = t.Name
				m.NextLimit = fmt.Sprintf("%s %s", tiers.GroupDigits(fig), strings.ToUpper(string(limit)))
			}
		}
	}
}

func tableName(t *tiers.Table) string {
	name := t.Origin
	if name == "" {
		name = "the tier table"
	}
	if !t.AsOf.IsZero() {
		name += " (as of " + t.AsOf.Format("2006-01-02") + ")"
	}
	return name
}

func describeLimits(m map[Limit]int64) string {
	var parts []string
	for _, lim := range []Limit{LimitRPM, LimitITPM, LimitOTPM} {
		if v, ok := m[lim]; ok {
			parts = append(parts, tiers.GroupDigits(v)+" "+strings.ToUpper(string(lim)))
		}
	}
	return strings.Join(parts, ", ")
}
