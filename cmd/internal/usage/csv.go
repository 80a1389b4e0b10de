package usage

import (
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
)

// csvColumn names the table columns in CSV as the JSON report does
// (snake_case, units in the name), like every other CSV the tool writes;
// a column not listed is its table header in lower case, spaces as '_'.
var csvColumn = map[string]string{
	"SESSION":        "session_id",
	"PRICED AS":      "table_model",
	"SUBAGENT CALLS": "subagent_requests",
	"INPUT":          "input_tokens",
	"OUTPUT":         "output_tokens",
	"CACHE WRITE":    "cache_write_tokens",
	"CACHE READ":     "cache_read_tokens",
	"COST":           "cost_usd",
}

// csvGrid is g with its header renamed for CSV.
func csvGrid(g render.Grid) render.Grid {
	header := make([]string, len(g.Header))
	for i, h := range g.Header {
		name, ok := csvColumn[h]
		if !ok {
			name = strings.ReplaceAll(strings.ToLower(h), " ", "_")
		}
		header[i] = name
	}
	g.Header = header
	return g
}
