// Package suggest finds the name a user probably meant when they mistyped
// one (a flag, a workload file's key), so the error can say "did you mean"
// instead of listing every name.
package suggest

import "github.com/agnivade/levenshtein"

// Closest is the candidate nearest to word by edit distance, if it is near
// enough to be a typo: at most 2 edits (two swapped letters are two), and
// no more than half of word's length; "" when none is. Of equally near
// candidates the first wins.
func Closest(word string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(word, c)
		if d < bestD && 2*d <= len(word) {
			best, bestD = c, d
		}
	}
	return best
}
