package usage

import (
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/planner/usage/shape"
)

// shapeGroupings are the values --by takes with --shape.
var shapeGroupings = []string{"session", "version"}

// addShapeFlags adds the flags of usage --shape.
func addShapeFlags(f *pflag.FlagSet, opts *Options) {
	f.BoolVar(&opts.Shape, "shape", false, "measure the sessions' shape (calls, growth, output share, cache misses, compaction, turns, pauses, pace) instead of totals; --by session,version add sections")
	f.IntVar(&opts.MinCalls, "min-calls", shape.DefaultMinWorkCalls, "with --shape: the fewest main-thread calls (`N`) of a work session (shorter sessions are counted, not measured)")
}

// usageOrShapeRun runs usage, or usage --shape.
func usageOrShapeRun(opts *Options) error {
	if opts.Shape {
		if opts.Export != "" {
			return cmdutil.UsageErrorf("--export writes the calls usage reads; it does not apply with --shape")
		}
		return shapeRun(opts)
	}
	if opts.MinCallsGiven {
		return cmdutil.UsageErrorf("--min-calls applies only with --shape")
	}
	return usageRun(opts)
}

// shapeQuery is the validated command line of usage --shape.
type shapeQuery struct {
	by       []string
	window   cmdutil.LogWindow
	minCalls int
}

// parseShapeOptions checks the flags that mean something with --shape and
// refuses those that do not, rather than ignoring them.
func parseShapeOptions(o *Options) (shapeQuery, error) {
	var q shapeQuery
	if o.TopGiven {
		return q, cmdutil.UsageErrorf("--top lists peak minutes; it does not apply with --shape")
	}
	if o.MinCalls < 1 {
		return q, cmdutil.UsageErrorf("--min-calls must be 1 or more, not %d", o.MinCalls)
	}
	q.minCalls = o.MinCalls
	if o.ByGiven {
		for _, b := range o.By {
			b = strings.ToLower(strings.TrimSpace(b))
			if !slices.Contains(shapeGroupings, b) {
				return q, cmdutil.UsageErrorf("--by %q does not apply with --shape: valid values are %s", b, strings.Join(shapeGroupings, ", "))
			}
			if !slices.Contains(q.by, b) {
				q.by = append(q.by, b)
			}
		}
	}
	var err error
	q.window, err = cmdutil.ParseLogWindow(o.Since, o.Until, o.TZ)
	return q, err
}

// shapeRun reads the transcripts for their shape and writes the report;
// what could not be read is said on stderr, and the rest is still reported.
func shapeRun(opts *Options) error {
	app := opts.App
	q, err := parseShapeOptions(opts)
	if err != nil {
		return err
	}
	fsys := usage.OSFileSystem{}
	files, problems, err := cmdutil.FindLogs(app, fsys, opts.Paths)
	if err != nil {
		return err
	}
	corpus := shape.Read(fsys, files, shape.ReadOptions{Since: q.window.Since, Until: q.window.Until})
	corpus.Problems = append(problems, corpus.Problems...)
	rep := shape.Analyze(corpus, shape.Options{MinWorkCalls: q.minCalls})
	for _, p := range rep.Problems {
		cmdutil.Warnf(app.Env, "%s: %s", cleanText(p.Path), cleanText(p.What))
	}
	return app.Write(shapeReport(rep, q))
}
