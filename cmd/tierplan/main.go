// Command tierplan plans Claude Code and Anthropic API workloads against
// vendor rate-limit tiers and subscription plans.
package main

import (
	"os"

	"github.com/tierplan/tierplan/cmd/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], cli.SystemEnv())) }
