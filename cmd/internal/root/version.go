package root

import "runtime/debug"

// version is set at build time with
// -ldflags "-X github.com/tierplan/tierplan/cmd/internal/root.version=v1.2.3";
// otherwise it is the module version go install recorded, or "dev".
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	// A build from a checkout: name the commit when the build recorded it.
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev (" + s.Value[:12] + ")"
		}
	}
	return "dev"
}
