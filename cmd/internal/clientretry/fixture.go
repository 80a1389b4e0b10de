package clientretry

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/tierplan/tierplan/planner/simulate"
)

// numberList matches a JSON array of numbers, and listOfLists an array of
// such arrays once each is on one line.
var (
	numberList  = regexp.MustCompile(`\[[-0-9.e+,\s]*\]`)
	listOfLists = regexp.MustCompile(`\[(\s*\[[-0-9.e+, ]*\],?)+\s*\]`)
)

// FormatMeasurement renders a measurement as the fixture keeps it: indented
// JSON with each list of numbers on one line, so a run reads as one line
// and a diff shows which delays changed.
func FormatMeasurement(m simulate.Measurement) ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	oneLine := func(list []byte) []byte { return []byte(strings.Join(strings.Fields(string(list)), " ")) }
	b = numberList.ReplaceAllFunc(b, oneLine)
	b = listOfLists.ReplaceAllFunc(b, oneLine)
	return append(b, '\n'), nil
}
