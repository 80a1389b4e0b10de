package simulate

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// MeasurementSchemaVersion is the version of the measured-schedule format.
const MeasurementSchemaVersion = 1

// Measurement is a real client's retry behaviour, measured against a fake
// API that answers with scripted errors: the evidence the sdk and
// claude-code policies are held to.
type Measurement struct {
	SchemaVersion int    `json:"schema_version"`
	Client        string `json:"client"`
	Version       string `json:"version"`
	// Date is when it was measured (YYYY-MM-DD); Runtime is the platform
	// (node version, OS).
	Date      string             `json:"date"`
	Runtime   string             `json:"runtime"`
	Scenarios []MeasuredScenario `json:"scenarios"`
	// Request is the shape of an ordinary call, where it was recorded.
	Request *RequestShape `json:"request_shape,omitempty"`
}

// MeasuredScenario is one scripted error and what the client did with it
// over several runs.
type MeasuredScenario struct {
	Name string `json:"name"`
	// Status, Header and ErrorCode describe the error answer.
	Status    int               `json:"status"`
	Header    map[string]string `json:"header,omitempty"`
	ErrorCode string            `json:"error_code,omitempty"`
	// Errors is how many error answers came before a success; 0 means
	// every answer was the error, so the client had to give up.
	Errors int `json:"errors"`
	// Env and Args are the client's extra environment and arguments (a
	// retry setting, a model); Model is the model its calls asked for.
	Env   map[string]string `json:"env,omitempty"`
	Args  []string          `json:"args,omitempty"`
	Model string            `json:"model"`
	Runs  []MeasuredRun     `json:"runs"`
	// Retries is the most retries seen in one run; DelaysS holds, per
	// retry, the shortest and longest wait seen across runs.
	Retries int          `json:"retries"`
	DelaysS [][2]float64 `json:"delay_range_s"`
}

// MeasuredRun is one run: how many requests reached the API, the client's
// wait before each retry (from the end of one answer to the next arrival,
// in seconds), and whether the call finally succeeded.
type MeasuredRun struct {
	Requests  int       `json:"requests"`
	DelaysS   []float64 `json:"delays_s"`
	Succeeded bool      `json:"succeeded"`
}

// Summarise fills Retries and DelaysS from the runs.
func (s *MeasuredScenario) Summarise() {
	s.Retries, s.DelaysS = 0, [][2]float64{}
	for _, r := range s.Runs {
		s.Retries = max(s.Retries, len(r.DelaysS))
		for i, d := range r.DelaysS {
			if i == len(s.DelaysS) {
				s.DelaysS = append(s.DelaysS, [2]float64{math.Inf(1), math.Inf(-1)})
			}
			s.DelaysS[i] = [2]float64{math.Min(s.DelaysS[i][0], d), math.Max(s.DelaysS[i][1], d)}
		}
	}
}

// ParseMeasurement reads a measurement and checks it is complete and
// consistent (every run's delays match its request count, the summary
// matches the runs), so a hand-edited fixture cannot pass silently.
func ParseMeasurement(b []byte) (Measurement, error) {
	var m Measurement
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("measurement: %w", err)
	}
	switch {
	case m.SchemaVersion != MeasurementSchemaVersion:
		return m, fmt.Errorf("measurement schema_version %d is not supported (want %d)", m.SchemaVersion, MeasurementSchemaVersion)
	case m.Client == "" || m.Version == "" || m.Date == "":
		return m, fmt.Errorf("measurement: client, version and date are required")
	case len(m.Scenarios) == 0:
		return m, fmt.Errorf("measurement of %s %s has no scenarios", m.Client, m.Version)
	}
	names := map[string]bool{}
	for _, s := range m.Scenarios {
		if err := s.check(); err != nil {
			return m, fmt.Errorf("measurement %s %s, scenario %q: %w", m.Client, m.Version, s.Name, err)
		}
		if names[s.Name] {
			return m, fmt.Errorf("measurement %s %s: scenario %q appears twice", m.Client, m.Version, s.Name)
		}
		names[s.Name] = true
	}
	return m, nil
}

func (s MeasuredScenario) check() error {
	if s.Name == "" || s.Status < 400 || s.Status > 599 || s.Errors < 0 || len(s.Runs) == 0 {
		return fmt.Errorf("needs a name, an error status, errors ≥ 0 and at least one run")
	}
	for i, r := range s.Runs {
		if r.Requests != len(r.DelaysS)+1 {
			return fmt.Errorf("run %d: %d requests but %d delays", i+1, r.Requests, len(r.DelaysS))
		}
		if s.Errors == 0 && r.Succeeded || s.Errors > 0 && r.Succeeded != (r.Requests == s.Errors+1) {
			return fmt.Errorf("run %d: succeeded=%v after %d requests does not fit %d scripted errors", i+1, r.Succeeded, r.Requests, s.Errors)
		}
		for _, d := range r.DelaysS {
			if d < 0 || math.IsNaN(d) {
				return fmt.Errorf("run %d: negative delay %g", i+1, d)
			}
		}
	}
	got := s
	got.Summarise()
	if got.Retries != s.Retries || fmt.Sprint(got.DelaysS) != fmt.Sprint(s.DelaysS) {
		return fmt.Errorf("summary (retries %d, delays %v) does not match the runs (%d, %v)", s.Retries, s.DelaysS, got.Retries, got.DelaysS)
	}
	return nil
}

// SortedEnv lists a scenario's environment as NAME=value lines, sorted.
func (s MeasuredScenario) SortedEnv() []string {
	var out []string
	for k, v := range s.Env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// RequestShape is what a client's ordinary call looks like on the wire:
// the figures a capacity model needs (max_tokens, the system prompt and
// tool definitions every call resends).
type RequestShape struct {
	Model        string   `json:"model"`
	MaxTokens    int      `json:"max_tokens"`
	Stream       bool     `json:"stream"`
	BodyBytes    int      `json:"body_bytes"`
	SystemBytes  int      `json:"system_bytes"`
	SystemBlocks int      `json:"system_blocks"`
	Tools        []string `json:"tools"`
	ToolBytes    int      `json:"tool_bytes"`
	Thinking     string   `json:"thinking,omitempty"`
	// ThinkingBudget is budget_tokens when thinking is "enabled".
	ThinkingBudget int      `json:"thinking_budget,omitempty"`
	Betas          []string `json:"anthropic_beta,omitempty"`
	Fields         []string `json:"fields"`
	Query          string   `json:"query,omitempty"`
	// RequestsPerPrompt counts the messages requests one prompt caused.
	RequestsPerPrompt int `json:"requests_per_prompt"`
}
