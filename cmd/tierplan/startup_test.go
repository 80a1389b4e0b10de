package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// costlyAtInit are calls that, in a package-level variable's initialiser,
// run at every start of tierplan, whichever command runs: a regular
// expression's compilation, a template's parse, a character width (whose
// first call builds runewidth's 2 MB table). Every command starts the
// binary (the status line on every prompt), so such values are built on
// first use (sync.OnceValue) instead.
var costlyAtInit = map[string]bool{
	"regexp.MustCompile": true, "regexp.Compile": true, "regexp.MustCompilePOSIX": true,
	"template.Must": true, "template.New": true,
	"runewidth.StringWidth": true, "runewidth.RuneWidth": true, "runewidth.NewCondition": true,
}

// No package of the binary builds a costly value at package init: the
// packages main imports, directly or not, within the module.
func TestNothingCostlyAtPackageInit(t *testing.T) {
	const module = "github.com/tierplan/tierplan"
	repo := filepath.Join("..", "..")
	fset := token.NewFileSet()
	seen := map[string]bool{"cmd/tierplan": true}
	queue := []string{"cmd/tierplan"}
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		files, err := filepath.Glob(filepath.Join(repo, filepath.FromSlash(dir), "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if rel, ok := strings.CutPrefix(p, module); ok {
					rel = strings.TrimPrefix(rel, "/")
					if rel == "" {
						rel = "."
					}
					if !seen[rel] {
						seen[rel] = true
						queue = append(queue, rel)
					}
				}
			}
			checkInit(t, fset, f)
		}
	}
	if len(seen) < 20 {
		t.Fatalf("only %d packages found from main: the walk of imports is broken", len(seen))
	}
}

// checkInit reports the costly calls in f's package-level variables.
func checkInit(t *testing.T, fset *token.FileSet, f *ast.File) {
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			for _, v := range spec.(*ast.ValueSpec).Values {
				ast.Inspect(v, func(n ast.Node) bool {
					if _, ok := n.(*ast.FuncLit); ok {
						return false // a function built now, called later
					}
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
						if pkg, ok := sel.X.(*ast.Ident); ok && costlyAtInit[pkg.Name+"."+sel.Sel.Name] {
							t.Errorf("%s: %s.%s in a package-level variable runs at every start; build it on first use (sync.OnceValue)",
								fset.Position(call.Pos()), pkg.Name, sel.Sel.Name)
						}
					}
					return true
				})
			}
		}
	}
}
