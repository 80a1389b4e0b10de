package tablecache

// go test ./... -update passes -update to every test binary; this package
// has no golden files and accepts the flag (see internal/testflag).
import _ "github.com/tierplan/tierplan/internal/testflag"
