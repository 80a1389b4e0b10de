package diff

import (
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// parseRenames reads the --rename pairs (OLD=NEW, repeatable or
// comma-separated). It is not pflag's StringToString because a map keeps only
// the last of two renames of one name, silently; here each pair is seen, so
// renaming one name twice, or two names onto one, is refused by name.
func parseRenames(pairs []string) (map[string]string, error) {
	renames := map[string]string{}
	onto := map[string]string{} // new name → the old name renamed to it
	for _, pair := range pairs {
		old, nu, ok := strings.Cut(pair, "=")
		old, nu = strings.TrimSpace(old), strings.TrimSpace(nu)
		if !ok || old == "" || nu == "" {
			return nil, cmdutil.UsageErrorf("--rename %q: expected OLD=NEW, such as tier-1=start", pair)
		}
		if prev, dup := renames[old]; dup {
			return nil, cmdutil.UsageErrorf("--rename: %s is renamed twice (%s=%s and %s=%s); give one", old, old, prev, old, nu)
		}
		if first, dup := onto[nu]; dup {
			return nil, cmdutil.UsageErrorf("--rename: %s and %s are both renamed to %s; each new name can take one", first, old, nu)
		}
		renames[old], onto[nu] = nu, old
	}
	return renames, nil
}
