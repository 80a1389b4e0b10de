package tiers

import (
	"sort"
	"strconv"
)

// ChangeKind says what happened to a model, tier, plan or field.
type ChangeKind string

// The kinds of change Diff reports.
const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Change is one difference between two tier tables, in the words of the YAML
// file: Section is "table", "model", "tier" or "plan"; Name the model, tier or
// plan; Field the key that changed ("limits.sonnet-4.itpm"), empty when a
// whole model, tier or plan was added or removed. Old and New are the values
// as a user reads them ("30,000", "$3.75", "none").
type Change struct {
	Kind    ChangeKind
	Section string
	Name    string
	Field   string
	Old     string
	New     string
}

// Diff lists what changed from table a to table b: table facts, then models,
// tiers and plans, each section with what was removed first (in a's order)
// and then what was added or changed (in b's order), and after each item's
// figures, those whose confidence changed. A plan of a that b lists among a
// plan's aliases (max-5x, now max) is compared with that plan, as a rename.
// Equal tables give none. Vendors change limits without notice; this is how
// a user sees what an edited or downloaded table would change.
func Diff(a, b *Table) []Change {
	changes, err := DiffRenamed(a, b, nil)
	if err != nil { // only renames given by the caller can clash
		return diff(a, b)
	}
	return changes
}

func diff(a, b *Table) []Change {
	out := diffFields("table", "", tableFields(a), tableFields(b))
	out = append(out, diffSection("model", a.Models, b.Models, modelName, modelFields, modelSummary,
		diffLongContext, diffFast, confidenceChanges[Model](a, b, "models"))...)
	poolOrder := append(append([]string(nil), b.Pools...), a.Pools...)
	out = append(out, diffSection("tier", a.Tiers, b.Tiers, tierName, tierFields, tierSummary,
		func(name string, x, y Tier) []Change { return diffLimits(name, x, y, poolOrder) },
		confidenceChanges[Tier](a, b, "tiers"))...)
	out = append(out, diffSection("plan", a.Plans, b.Plans, planName, planFields, planSummary,
		confidenceChanges[Plan](a, b, "plans"))...)
	return out
}

// diffSection compares one kind of item by name. extra adds changes that
// flat fields cannot express well (a tier's limits, confidences).
func diffSection[T any](section string, a, b []T, name func(T) string, flat func(T) fields,
	summary func(T) string, extra ...func(string, T, T) []Change) []Change {
	find := func(xs []T, n string) (T, bool) {
		for _, x := range xs {
			if name(x) == n {
				return x, true
			}
		}
		var zero T
		return zero, false
	}
	var out []Change
	for _, x := range a {
		if _, ok := find(b, name(x)); !ok {
			out = append(out, Change{Kind: Removed, Section: section, Name: name(x), Old: summary(x)})
		}
	}
	for _, y := range b {
		x, ok := find(a, name(y))
		if !ok {
			out = append(out, Change{Kind: Added, Section: section, Name: name(y), New: summary(y)})
			continue
		}
		out = append(out, diffFields(section, name(y), flat(x), flat(y))...)
		for _, more := range extra {
			out = append(out, more(name(y), x, y)...)
		}
	}
	return out
}

// fields is an item flattened to key → display value, in a stable order.
type fields []field

type field struct{ key, value string }

func (fs fields) get(k string) (string, bool) {
	for _, f := range fs {
		if f.key == k {
			return f.value, true
		}
	}
	return "", false
}

// diffFields compares two flattened items; a field present on one side only
// reads as "none" on the other.
func diffFields(section, name string, a, b fields) []Change {
	var out []Change
	seen := map[string]bool{}
	for _, f := range b {
		seen[f.key] = true
		old, ok := a.get(f.key)
		if !ok {
			old = "none"
		}
		if old != f.value {
			out = append(out, Change{Changed, section, name, f.key, old, f.value})
		}
	}
	for _, f := range a {
		if !seen[f.key] {
			out = append(out, Change{Changed, section, name, f.key, f.value, "none"})
		}
	}
	return out
}

// diffLongContext reports a long-context rule added or removed as one
// change, and otherwise each threshold or price that changed.
func diffLongContext(model string, a, b Model) []Change {
	switch {
	case a.LongContext == nil && b.LongContext == nil:
		return nil
	case a.LongContext == nil || b.LongContext == nil:
		return []Change{{Changed, "model", model, "long_context", longContextSummary(a.LongContext), longContextSummary(b.LongContext)}}
	}
	return diffFields("model", model, longContextFields(*a.LongContext), longContextFields(*b.LongContext))
}

// diffLimits reports a pool added to or removed from a tier as one change,
// and otherwise each limit that changed, pools in the tables' order.
func diffLimits(tier string, a, b Tier, order []string) []Change {
	var out []Change
	for _, pool := range unionKeys(a.Limits, b.Limits, order) {
		la, inA := a.Limits[pool]
		lb, inB := b.Limits[pool]
		key := "limits." + pool
		switch {
		case !inA:
			out = append(out, Change{Added, "tier", tier, key, "", limitsSummary(lb)})
		case !inB:
			out = append(out, Change{Removed, "tier", tier, key, limitsSummary(la), ""})
		default:
			out = append(out, diffFields("tier", tier, prefixed(key, limitFields(la)), prefixed(key, limitFields(lb)))...)
		}
	}
	return out
}

// unionKeys lists the pools either tier limits, in order (the tables' pool
// order), then any others sorted.
func unionKeys(a, b map[string]Limits, order []string) []string {
	var keys []string
	seen := map[string]bool{}
	for _, k := range order {
		_, inA := a[k]
		_, inB := b[k]
		if (inA || inB) && !seen[k] {
			keys = append(keys, k)
			seen[k] = true
		}
	}
	var rest []string
	for _, m := range []map[string]Limits{a, b} {
		for k := range m {
			if !seen[k] {
				rest = append(rest, k)
				seen[k] = true
			}
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

func prefixed(p string, fs fields) fields {
	out := make(fields, len(fs))
	for i, f := range fs {
		out[i] = field{p + "." + f.key, f.value}
	}
	return out
}

func modelName(m Model) string { return m.Name }
func tierName(t Tier) string   { return t.Name }
func planName(p Plan) string   { return p.Name }

func formatBool(b bool) string { return strconv.FormatBool(b) }
