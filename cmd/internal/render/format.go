// Package render turns report models into text: a readable table, JSON, YAML,
// CSV or Markdown. Commands build one report model (a Report) and hand it to
// the one dispatcher, Write; the grids, sections and small words every report
// shares live here too, so no command formats output by itself.
package render

import (
	"fmt"
	"strings"
)

// Format is an output format; it implements pflag.Value so a bad value fails
// at parse time, naming the valid ones.
type Format string

// The output formats.
const (
	FormatTable    Format = "table"
	FormatJSON     Format = "json"
	FormatYAML     Format = "yaml"
	FormatCSV      Format = "csv"
	FormatMarkdown Format = "markdown"
)

var allFormats = []Format{FormatTable, FormatJSON, FormatYAML, FormatCSV, FormatMarkdown}

// FormatNames lists the formats for help and shell completion.
func FormatNames() []string {
	out := make([]string, len(allFormats))
	for i, f := range allFormats {
		out[i] = string(f)
	}
	return out
}

func (f *Format) String() string { return string(*f) }

// Set parses a format name; "md" is accepted for markdown.
func (f *Format) Set(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "md" {
		s = string(FormatMarkdown)
	}
	for _, x := range allFormats {
		if string(x) == s {
			*f = x
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (valid: %s)", s, strings.Join(FormatNames(), ", "))
}

// Type names the flag's value in help.
func (f *Format) Type() string { return "format" }
