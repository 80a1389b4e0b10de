package shape

import (
	"errors"
	"io/fs"
)

// errText is an error without the path the problem already names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
