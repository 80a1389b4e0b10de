package planner

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tierplan/tierplan/tiers"
)

// The newer rules of a tier table, as they bear on a plan: model names read
// through the table's match prefixes, fast mode, limits the vendor does not
// publish, plans that are not evaluated, and a subscription's API credits.

// canonicalModels replaces the workload's model and mix names by the
// table's short names, so a model id (claude-sonnet-4-6) or a dotted version
// (opus-4.7) plans as the model it names; notes say how each was read.
func canonicalModels(w Workload, t *tiers.Table) (Workload, []string, error) {
	var notes []string
	m, note, err := t.ResolveModel(w.Model)
	if err != nil {
		if len(w.Mix) > 0 {
			return w, nil, fmt.Errorf("model: %w", err)
		}
		return w, nil, err
	}
	if note != "" {
		notes = append(notes, note)
	}
	w.Model = m.Name
	if len(w.Mix) == 0 {
		return w, notes, nil
	}
	names := make([]string, 0, len(w.Mix))
	for name := range w.Mix {
		names = append(names, name)
	}
	sort.Strings(names)
	mix := map[string]float64{}
	given := map[string]string{}
	for _, name := range names {
		m, note, err := t.ResolveModel(name)
		if err != nil {
			return w, nil, fmt.Errorf("mix: %w", err)
		}
		if first, dup := given[m.Name]; dup {
			return w, nil, fmt.Errorf("mix: %s and %s are both model %s in the tier table: give it once", first, name, m.Name)
		}
		if note != "" {
			notes = append(notes, note)
		}
		mix[m.Name], given[m.Name] = w.Mix[name], name
	}
	w.Mix = mix
	return w, notes, nil
}

// fastMode is m in its fast mode: the fast prices and the fast pool. Fast
// mode has no Batch API, so no batch discount; no source gives a
// long-context rule for it.
func fastMode(t *tiers.Table, m tiers.Model) (tiers.Model, string, error) {
	if m.Fast == nil {
		var have []string
		for _, x := range t.Models {
			if x.Fast != nil {
				have = append(have, x.Name)
			}
		}
		if len(have) == 0 {
			return m, "", fmt.Errorf("model %s has no fast mode in the tier table (no model there has one)", m.Name)
		}
		return m, "", fmt.Errorf("model %s has no fast mode in the tier table (fast mode: %s)", m.Name, strings.Join(have, ", "))
	}
	f := m
	f.Pool, f.Price, f.BatchDiscount, f.LongContext, f.Fast = m.Fast.Pool, m.Fast.Price, 0, nil, nil
	note := fmt.Sprintf("fast mode: %s at %s in / %s out per MTok, on its own pool %s; the table gives no fast-mode speed, so calls are timed at the standard speed",
		m.Name, f.Price.Input.Exact(), f.Price.Output.Exact(), f.Pool)
	return f, note, nil
}

// unknownNote says, once for all the tiers it concerns, that their verdicts
// rest on limits the vendor does not publish.
func unknownNote(t *tiers.Table, byPool map[string][]string) []string {
	pools := make([]string, 0, len(byPool))
	for p := range byPool {
		pools = append(pools, p)
	}
	sort.Strings(pools)
	var notes []string
	for _, p := range pools {
		notes = append(notes, fmt.Sprintf("%s: the limits of pool %s are not known (%s); these verdicts rest on the spend cap and the other limits alone",
			strings.Join(byPool[p], ", "), p, t.UnknownLimits[p]))
	}
	return notes
}

// applyCredits takes a subscription's monthly API credits off every API
// tier's bill: a subscriber who also pays for the API pays the rest. The
// credit of a team plan is per seat (one per developer), up to its cap.
func applyCredits(wp *WorkloadPlan, t *tiers.Table, subscriber string) {
	p, _, ok := t.PlanOrAlias(subscriber)
	if !ok {
		return
	}
	if p.APICredits == nil {
		wp.Notes = append(wp.Notes, fmt.Sprintf("%s comes with no API credits in the tier table: API bills are shown in full", p.Name))
		return
	}
	credit := p.APICredits.For(wp.Workload.Devs)
	for i := range wp.Results {
		res := &wp.Results[i]
		if res.Kind != KindAPI {
			continue
		}
		c := min(credit, res.MonthlyCost)
		res.APICredit = &c
		res.MonthlyCost -= c
	}
	wp.Notes = append(wp.Notes, fmt.Sprintf("API credits: %s's %s a month are taken off each API tier's bill; they pay for the API, Managed Agents, the Agent SDK and the playground, not for Claude Code itself",
		p.Name, credit))
}
