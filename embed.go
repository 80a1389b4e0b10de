// Package tierplan holds the default tier table, embedded in the binary so
// that tierplan works with no configuration. go:embed cannot reach a parent
// directory, so the embedding lives here at the module root.
package tierplan

import _ "embed"

// DefaultTiers is tiers.yaml as shipped: the newest official figures.
//
//go:embed tiers.yaml
var DefaultTiers []byte
