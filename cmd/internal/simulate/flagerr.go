package simulate

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// simulateFlagError turns a flag value pflag could not parse into one line
// that names the flag and says what it takes, instead of pflag's
// `invalid argument "-5" for "--seed" flag: strconv.ParseUint: ...`.
// Other flag errors (an unknown flag, a missing value) are cmdutil.FlagError's.
func simulateFlagError(c *cobra.Command, err error) error {
	var bad *pflag.InvalidValueError
	if !errors.As(err, &bad) {
		return cmdutil.FlagError(c, err)
	}
	return cmdutil.UsageErrorf("invalid value for --%s: %q %s", bad.GetFlag().Name, bad.GetValue(), expectedValue(bad))
}

// expectedValue says what was wrong with the value, by the flag's type.
func expectedValue(bad *pflag.InvalidValueError) string {
	var num *strconv.NumError
	if errors.As(bad, &num) && errors.Is(num.Err, strconv.ErrRange) {
		return "is out of range"
	}
	switch bad.GetFlag().Value.Type() {
	case "uint", "uint8", "uint16", "uint32", "uint64":
		return "is not a whole number ≥ 0"
	case "int", "int8", "int16", "int32", "int64", "count":
		return "is not a whole number"
	case "float32", "float64":
		return "is not a number"
	case "duration":
		return "is not a duration (such as 500ms, 30s or 2m)"
	case "bool":
		return "is not true or false"
	}
	return fmt.Sprintf("is not valid: %v", errors.Unwrap(bad))
}
