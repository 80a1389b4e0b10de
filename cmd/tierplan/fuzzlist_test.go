package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The README's list of fuzz tests sits between these two lines.
const (
	fuzzListBegin = "<!-- fuzz tests: written by go test ./cmd/tierplan -update -->\n"
	fuzzListEnd   = "<!-- end of fuzz tests -->\n"
)

var fuzzFunc = regexp.MustCompile(`(?m)^func (Fuzz\w+)\(`)

// fuzzList is the README's list of every fuzz test, one line per package,
// found in the repository's test files.
func fuzzList(t *testing.T, repo string) string {
	byPkg := map[string][]string{}
	err := filepath.WalkDir(repo, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != repo {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repo, filepath.Dir(path))
		for _, m := range fuzzFunc.FindAllStringSubmatch(string(data), -1) {
			byPkg["./"+filepath.ToSlash(rel)] = append(byPkg["./"+filepath.ToSlash(rel)], m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pkgs := make([]string, 0, len(byPkg))
	for p := range byPkg {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	var b strings.Builder
	for _, p := range pkgs {
		names := byPkg[p]
		sort.Strings(names)
		b.WriteString("  - `" + strings.TrimSuffix(p, "/.") + "`: `" + strings.Join(names, "`, `") + "`\n")
	}
	return b.String()
}

// TestREADMEListsEveryFuzzTest: the README names every fuzz test of the
// repository, so a reader can run any of them longer; -update rewrites the
// list from the test files.
func TestREADMEListsEveryFuzzTest(t *testing.T) {
	path, readme := readREADME(t)
	start := strings.Index(readme, fuzzListBegin)
	end := strings.Index(readme, fuzzListEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md has no list between %q and %q", fuzzListBegin, fuzzListEnd)
	}
	start += len(fuzzListBegin)
	want := fuzzList(t, filepath.Dir(path))
	if strings.Count(want, "Fuzz") < 30 {
		t.Fatalf("found only %d fuzz tests; is the walk rooted at the repository?", strings.Count(want, "Fuzz"))
	}
	if *update {
		if err := os.WriteFile(path, []byte(readme[:start]+want+readme[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := readme[start:end]; got != want {
		t.Errorf("README.md's fuzz test list is out of date (go test ./cmd/tierplan -update rewrites it):\n%s\nwant:\n%s", got, want)
	}
}
