package ratelimits

import (
	"encoding/json"
	"slices"
)

// mergeWorkspace is the organisation's groups with a workspace's overrides
// applied: a workspace limit replaces the organisation's of the same type in
// the same group; what the workspace does not override it inherits.
// Groups are matched by id, else by their models, else by type.
func mergeWorkspace(org, ws []Entry) []Entry {
	out := make([]Entry, len(org))
	for i, e := range org {
		out[i] = e
		out[i].Limits = append([]Limit(nil), e.Limits...)
	}
	for _, w := range ws {
		i := matchGroup(out, w)
		if i < 0 {
			out = append(out, w)
			continue
		}
		for _, l := range w.Limits {
			if !l.Workspace {
				continue // inherited: the organisation's own value is already here
			}
			replaced := false
			for j := range out[i].Limits {
				if out[i].Limits[j].Type == l.Type {
					out[i].Limits[j], replaced = l, true
				}
			}
			if !replaced {
				out[i].Limits = append(out[i].Limits, l)
			}
		}
	}
	return out
}

func matchGroup(es []Entry, w Entry) int {
	for i, e := range es {
		if sameGroup(e, w) {
			return i
		}
	}
	return -1
}

// sameGroup: the same group id when both have one; else, for model groups,
// a model in common (each model id is in exactly one group); else the same
// group type.
func sameGroup(a, b Entry) bool {
	switch {
	case a.GroupID != "" && b.GroupID != "":
		return a.GroupID == b.GroupID
	case len(a.Models) > 0 && len(b.Models) > 0:
		for _, m := range a.Models {
			if slices.Contains(b.Models, m) {
				return true
			}
		}
		return false
	}
	return a.GroupType == b.GroupType && a.GroupType != "model_group"
}

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
