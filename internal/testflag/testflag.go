// Package testflag holds the flags every test binary of the module accepts,
// so that one command line works for the whole module: `go test ./...
// -update` rewrites every golden file, and a package without golden files
// accepts the flag instead of failing with "flag provided but not defined".
//
// Packages with golden files read Update; every other package with tests
// imports this package for its side effect (TestEveryTestPackageTakesUpdate
// keeps that true). Only tests import it.
package testflag

import "flag"

// Update asks golden-file tests to rewrite their expected output with what
// the code now produces, instead of comparing; review the diff afterwards.
var Update = flag.Bool("update", false, "rewrite golden files and expected outputs with the current output")
