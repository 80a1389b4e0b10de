// Command tierplan plans Claude Code and Anthropic API workloads against
// vendor rate-limit tiers and subscription plans.
package main

import (
	"os"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

func main() { os.Exit(root.Main(os.Args[1:], cmdutil.SystemEnv())) }
