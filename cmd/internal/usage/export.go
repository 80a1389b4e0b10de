package usage

import (
	"bytes"
	"fmt"

	"github.com/google/renameio/v2"

	"github.com/tierplan/tierplan/planner/usage"
)

// writeExport writes --export FILE, whole or not at all: a file renamed
// into place, so a reader never sees half an export.
func writeExport(path string, data *usage.Data) error {
	if path == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := usage.WriteExport(&buf, data); err != nil {
		return err
	}
	if err := renameio.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("--export %s: %v", path, err)
	}
	return nil
}
