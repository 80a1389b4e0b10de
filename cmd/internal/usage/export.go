package usage

import (
	"bytes"
	"fmt"
	"io"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/usage"
)

// writeExport writes --export FILE, whole or not at all: a file renamed
// into place, so a reader never sees half an export (userfile: links
// followed, devices and pipes written through, "-" is stdout).
func writeExport(path string, stdout io.Writer, data *usage.Data) error {
	if path == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := usage.WriteExport(&buf, data); err != nil {
		return err
	}
	if err := userfile.WriteFile(path, buf.Bytes(), userfile.Options{Stdout: stdout}); err != nil {
		return fmt.Errorf("--export %s: %v", path, cmdutil.PathErrorCause(err))
	}
	return nil
}
