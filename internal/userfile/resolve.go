package userfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// maxLinks is how many symbolic links a path may pass through, as Linux
// allows (ELOOP past 40).
const maxLinks = 40

// errLinkLoop is a chain of links that never reaches a file.
var errLinkLoop = errors.New("too many levels of symbolic links")

// follow walks path's chain of symbolic links to the name a write must
// reach, and says what is there (nil when nothing is: a new file, or the
// target of a dangling link, which the write creates). Each link's target is
// read relative to the real directory holding the link, as the kernel does.
// The directory of a new file must exist unless makeDirs is set.
func follow(path string, makeDirs bool) (string, fs.FileInfo, error) {
	p := path
	for range maxLinks {
		if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
			p = filepath.Join(dir, filepath.Base(p))
		} else if !errors.Is(err, fs.ErrNotExist) || !makeDirs {
			return "", nil, err
		}
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return p, nil, nil
		case err != nil:
			return "", nil, err
		case fi.Mode()&fs.ModeSymlink == 0:
			return p, fi, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return "", nil, errLinkLoop
}
