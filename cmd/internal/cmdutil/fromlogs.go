package cmdutil

import (
	"strings"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// --from-logs, shared by plan and report: the workloads Claude Code's logs
// show, derived once the same way for both.

// FromLogsAuto is the value of a bare --from-logs: Claude Code's own
// directories, as `tierplan usage` with no PATH reads them.
const FromLogsAuto = "auto"

// FromLogsPaths is the transcripts a --from-logs value names: none (Claude
// Code's own directories) for FromLogsAuto, else its comma-separated paths,
// of which there must be one.
func FromLogsPaths(v string) ([]string, error) {
	if v == FromLogsAuto {
		return nil, nil
	}
	var paths []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return nil, UsageErrorf("--from-logs=%q names no path", v)
	}
	return paths, nil
}

// LogWorkloads reads the logs of the window (ReadLogs), warns of what could
// not be read, and derives from them the typical and the heavy workload,
// the workload flags applied on top.
func LogWorkloads(app *App, paths []string, w LogWindow, t *tiers.Table, flags *WorkloadFlags) (*usage.Data, usage.Calibration, []planner.Workload, error) {
	data, err := ReadLogs(app, paths, w)
	if err != nil {
		return nil, usage.Calibration{}, nil, err
	}
	for _, p := range data.Problems {
		Warnf(app.Env, "%s: %s", p.Path, p.What) // a path and a log's words: escaped
	}
	c, err := usage.Calibrate(data, t, w.Loc)
	if err != nil {
		return nil, usage.Calibration{}, nil, err
	}
	ws := []planner.Workload{c.Typical, c.Heavy}
	for i := range ws {
		if err := flags.Apply(&ws[i]); err != nil {
			return nil, usage.Calibration{}, nil, err
		}
	}
	return data, c, ws, nil
}
