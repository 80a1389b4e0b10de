//go:build !linux

package discover

import (
	"os"
	"strings"
)

// statOS is os.Stat as a walk keeps it; name may be a buffer used again.
func statOS(name string) (info, error) {
	fi, err := os.Stat(strings.Clone(name))
	if err != nil {
		return info{}, err
	}
	return infoOf(fi), nil
}
