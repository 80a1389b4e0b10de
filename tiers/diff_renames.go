package tiers

import (
	"fmt"
	"sort"
	"strings"
)

// aliasRenames are the renames b's plan aliases imply: a plan of a that b
// no longer has by name, but one of b's plans lists as its former name.
func aliasRenames(a, b *Table, given map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range given {
		out[k] = v
	}
	for _, x := range a.Plans {
		if _, still := b.Plan(x.Name); still {
			continue
		}
		if _, named := out[x.Name]; named {
			continue
		}
		if y, _, ok := b.PlanOrAlias(x.Name); ok {
			if _, taken := a.Plan(y.Name); !taken {
				out[x.Name] = y.Name
			}
		}
	}
	return out
}

// DiffRenamed is Diff after renaming models, tiers or plans of a (old name →
// new name), so a vendor's renamed tier (Tier 1 → Start) is compared field by
// field instead of reading as one removed and one added. Each rename is
// reported as a change of its name. Two names renamed onto one are refused:
// the diff would compare both with the same item.
func DiffRenamed(a, b *Table, renames map[string]string) ([]Change, error) {
	renames = aliasRenames(a, b, renames)
	if len(renames) == 0 {
		return diff(a, b), nil
	}
	c := *a
	c.Figures = append([]Figure(nil), a.Figures...)
	c.Models = append([]Model(nil), a.Models...)
	c.Tiers = append([]Tier(nil), a.Tiers...)
	c.Plans = append([]Plan(nil), a.Plans...)
	var renamed []Change
	olds := make([]string, 0, len(renames))
	for old := range renames {
		olds = append(olds, old)
	}
	sort.Strings(olds)
	onto := map[string]string{}
	for _, old := range olds {
		if first, dup := onto[renames[old]]; dup {
			return nil, fmt.Errorf("rename: %s and %s are both renamed to %s", first, old, renames[old])
		}
		onto[renames[old]] = old
	}
	for _, old := range olds {
		nu, found := renames[old], false
		for i := range c.Models {
			if c.Models[i].Name == old {
				c.Models[i].Name, found = nu, true
				renamed = append(renamed, Change{Changed, "model", nu, "name", old, nu})
				renameFigures(c.Figures, "models", old, nu)
			}
		}
		for i := range c.Tiers {
			if c.Tiers[i].Name == old {
				c.Tiers[i].Name, found = nu, true
				renamed = append(renamed, Change{Changed, "tier", nu, "name", old, nu})
				renameFigures(c.Figures, "tiers", old, nu)
			}
		}
		for i := range c.Plans {
			if c.Plans[i].Name == old {
				c.Plans[i].Name, found = nu, true
				renamed = append(renamed, Change{Changed, "plan", nu, "name", old, nu})
				renameFigures(c.Figures, "plans", old, nu)
			}
		}
		if !found {
			return nil, fmt.Errorf("rename %s=%s: no model, tier or plan named %q in the first table", old, nu, old)
		}
	}
	changes := diff(&c, b)
	// Put each rename just before the first change of the item it names.
	for i := len(renamed) - 1; i >= 0; i-- {
		r := renamed[i]
		at := len(changes)
		for j, ch := range changes {
			if ch.Section == r.Section && ch.Name == r.Name {
				at = j
				break
			}
		}
		changes = append(changes[:at], append([]Change{r}, changes[at:]...)...)
	}
	return changes, nil
}

// renameFigures renames an item in figure keys and paths.
func renameFigures(figs []Figure, section, old, nu string) {
	for i, f := range figs {
		if len(f.Key) > 1 && f.Key[0] == section && f.Key[1] == old {
			key := append([]string{section, nu}, f.Key[2:]...)
			figs[i].Key, figs[i].Path = key, strings.Join(key, ".")
		}
	}
}
