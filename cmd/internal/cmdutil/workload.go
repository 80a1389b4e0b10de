package cmdutil

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner"
)

// WorkloadFlags are the flags that describe a workload, one per workload
// setting and named like the workload file's keys, shared by plan, cost and
// simulate. A flag holds its text until the workload is built, so one parser
// (planner.SetWorkloadField) serves flags and files alike.
type WorkloadFlags struct {
	flags []workloadFlag
}

// workloadFlag is one workload setting's flag.
type workloadFlag struct {
	key  string      // the workload file's key
	flag *pflag.Flag // the flag as defined: named key unless renamed
}

// FlagRename gives a workload setting another flag name on one command,
// where the key's own name means something else there, or leaves it out
// where the command has no use for it (Omit), so no flag is offered that
// would then be ignored.
type FlagRename struct {
	Key, Name string
	// Note is appended to the flag's help.
	Note string
	Omit bool
}

// AddWorkloadFlags defines the workload flags on fs, renamed as given.
func AddWorkloadFlags(fs *pflag.FlagSet, renames ...FlagRename) *WorkloadFlags {
	wf := &WorkloadFlags{}
	for _, f := range planner.WorkloadFields {
		name, usage, omit := f.Key, f.Usage, false
		for _, r := range renames {
			if r.Key == f.Key {
				name, usage, omit = r.Name, usage+r.Note, r.Omit
			}
		}
		if omit {
			continue
		}
		fs.Var(&workloadValue{typ: f.Type}, name, usage)
		if f.Type == "bool" {
			fs.Lookup(name).NoOptDefVal = "true" // --fast alone means true
		}
		wf.flags = append(wf.flags, workloadFlag{key: f.Key, flag: fs.Lookup(name)})
	}
	return wf
}

// workloadValue holds a workload flag's text until the workload is built.
type workloadValue struct {
	text string
	typ  string
}

func (v *workloadValue) String() string     { return v.text }
func (v *workloadValue) Set(s string) error { v.text = s; return nil }
func (v *workloadValue) Type() string       { return v.typ }

// Set lists the workload settings the user gave, by workload key, as typed.
func (wf *WorkloadFlags) Set() map[string]string {
	set := map[string]string{}
	for _, f := range wf.flags {
		if f.flag.Changed {
			set[f.key] = f.flag.Value.String()
		}
	}
	return set
}

// Workloads builds the workloads: those of the files (or one default
// workload), with every flag the user set applied on top. A renamed flag is
// checked before the files are read, so its error names the flag as typed.
func (wf *WorkloadFlags) Workloads(files []string) ([]planner.Workload, error) {
	for _, f := range wf.flags {
		if f.flag.Changed && f.flag.Name != f.key {
			if err := f.set(&planner.Workload{}); err != nil {
				return nil, err
			}
		}
	}
	var ws []planner.Workload
	from := map[string]string{} // workload name → the file it came from
	for _, name := range files {
		data, err := readWorkloadFile(name)
		if err != nil {
			return nil, err
		}
		got, err := planner.ParseWorkloads(name, data)
		if err != nil {
			return nil, err
		}
		for _, w := range got {
			if first, dup := from[w.Name]; dup {
				return nil, fmt.Errorf("workload %q is in both %s and %s: give each workload its own name", w.Name, first, name)
			}
			from[w.Name] = name
		}
		ws = append(ws, got...)
	}
	if len(ws) == 0 {
		ws = []planner.Workload{{}}
	}
	for _, f := range wf.flags {
		if !f.flag.Changed {
			continue
		}
		for i := range ws {
			if err := f.set(&ws[i]); err != nil {
				return nil, err
			}
		}
	}
	return ws, nil
}

// Apply sets on w every workload setting the user gave by flag, so a flag
// overrides a file's value or a derived one (say --devs 8 to plan a team
// that works like the logged developer).
func (wf *WorkloadFlags) Apply(w *planner.Workload) error {
	for _, f := range wf.flags {
		if !f.flag.Changed {
			continue
		}
		if err := f.set(w); err != nil {
			return err
		}
	}
	return nil
}

// set applies the flag's value to w; the error names the flag as typed.
func (f workloadFlag) set(w *planner.Workload) error {
	if err := planner.SetWorkloadField(w, f.key, f.flag.Value.String()); err != nil {
		return UsageErrorf("invalid value for --%s: %s", f.flag.Name, err)
	}
	return nil
}

// readWorkloadFile reads -f FILE with the read itself capped and a named
// pipe opened without waiting, so -f /dev/zero or a FIFO with no writer is
// refused in a moment; the error names the flag and the file.
func readWorkloadFile(name string) ([]byte, error) {
	data, err := userfile.ReadFile(name, planner.MaxWorkloadFileSize)
	var le *userfile.LimitError
	switch {
	case err == nil:
		return data, nil
	case errors.As(err, &le):
		return nil, fmt.Errorf("-f %s: more than %d MB: too large for a workload file; is this the right file?", name, planner.MaxWorkloadFileSize>>20)
	}
	return nil, fmt.Errorf("-f %s: %v", name, PathErrorCause(err))
}
