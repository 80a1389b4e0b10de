package probe

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/diagnose"
	"github.com/tierplan/tierplan/planner/probe"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/tiers"
)

// probeReport is the JSON contract of one probe reading: the diagnosis
// fields at the top level, plus what was probed and when.
type probeReport struct {
	SchemaVersion int       `json:"schema_version"`
	Time          time.Time `json:"time"`
	Endpoint      string    `json:"endpoint"`
	Model         string    `json:"model"`
	diagnose.Diagnosis
}

// probeErrorLine is what --log records for a poll that got no answer.
type probeErrorLine struct {
	SchemaVersion int       `json:"schema_version"`
	Time          time.Time `json:"time"`
	Endpoint      string    `json:"endpoint"`
	Model         string    `json:"model"`
	Error         string    `json:"error"`
	ErrorKind     string    `json:"error_kind"`
}

// watchAfter waits between polls; tests replace it to run polls back to back.
var watchAfter = time.After

type prober struct {
	app    *cmdutil.App
	client *http.Client
	table  *tiers.Table
	req    probe.Request
	log    *readingLog
	// csvHeaderDone is set once a CSV header was printed.
	csvHeaderDone bool
}

// once takes one reading. A non-2xx answer is printed and then ends the
// command with its verdict as the error (exit 1).
func (p *prober) once(ctx context.Context) error {
	rep, err := p.read(ctx)
	if err != nil {
		return err
	}
	if rep.Kind != diagnose.KindOK {
		return errors.New(rep.Verdict)
	}
	return nil
}

// read probes, renders the reading and logs it.
func (p *prober) read(ctx context.Context) (probeReport, error) {
	opt := diagnose.Options{Now: p.app.Env.Clock(), Table: p.table, Local: time.Local, LoadLocation: time.LoadLocation}
	reading, err := probe.Probe(ctx, p.client, p.req, opt)
	at := p.app.Env.Clock().UTC().Truncate(time.Second)
	if err != nil {
		kind := probe.ErrNetwork
		var pe *probe.Error
		if errors.As(err, &pe) {
			kind = pe.Kind
		}
		if kind != probe.ErrInterrupted {
			p.logLine(probeErrorLine{SchemaVersion: cmdutil.DiagnosisSchema, Time: at, Endpoint: p.endpoint(), Model: p.req.Model, Error: err.Error(), ErrorKind: string(kind)})
		}
		return probeReport{}, err
	}
	rep := probeReport{SchemaVersion: cmdutil.DiagnosisSchema, Time: at, Endpoint: p.endpoint(), Model: p.req.Model, Diagnosis: reading.Diagnosis}
	p.logLine(rep)
	probed := [2]string{"Probed", fmt.Sprintf("%s at %s (max_tokens 1)", p.req.Model, rep.Endpoint)}
	out := cmdutil.DiagnosisReport(rep, rep.Diagnosis, probed)
	if p.app.Output == render.FormatCSV && p.csvHeaderDone {
		// one CSV header for the whole watch
		return rep, render.CSV(&skipFirstLine{w: p.app.Env.Stdout}, out.CSV())
	}
	p.csvHeaderDone = true
	return rep, p.app.Write(out)
}

// skipFirstLine drops everything up to and including the first newline.
type skipFirstLine struct {
	w       io.Writer
	skipped bool
}

func (s *skipFirstLine) Write(b []byte) (int, error) {
	n := len(b)
	if !s.skipped {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return n, nil
		}
		s.skipped = true
		b = b[i+1:]
	}
	_, err := s.w.Write(b)
	return n, err
}

// watch polls every interval until Ctrl-C, or until an answer no wait can
// fix (a refused key, a bad request). Failed polls are reported and the
// watch goes on: a timeout now says little about the next minute.
func (p *prober) watch(interval time.Duration) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if p.app.Env.Interrupt != nil {
		intr := p.app.Env.Interrupt()
		go func() {
			select {
			case <-intr:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	readings := 0
	for {
		if p.app.Output == render.FormatTable || p.app.Output == render.FormatMarkdown {
			fmt.Fprintf(p.app.Env.Stdout, "── reading %d, %s ──\n", readings+1, cmdutil.UTCTime(p.app.Env.Clock()))
		}
		rep, err := p.read(ctx)
		switch {
		case ctx.Err() != nil:
			return p.stopped(readings)
		case isRedirect(err):
			return err // the address answers with a redirect; polling changes nothing
		case err != nil:
			fmt.Fprintf(p.app.Env.Stderr, "tierplan: %s\n", termsafe.Escape(err.Error()))
		default:
			readings++
			if stopsWatch(rep.Kind) {
				return fmt.Errorf("watch stopped: %s", rep.Verdict)
			}
		}
		select {
		case <-ctx.Done():
			return p.stopped(readings)
		case <-watchAfter(interval):
		}
	}
}

func (p *prober) stopped(readings int) error {
	fmt.Fprintf(p.app.Env.Stderr, "tierplan: stopped after %s\n", render.Plural(readings, "reading"))
	return nil
}

// stopsWatch: answers that waiting will not change, or not for hours (a
// plan's window), where polling only spends requests.
func stopsWatch(k diagnose.Kind) bool {
	switch k {
	case diagnose.KindAuth, diagnose.KindInvalidRequest, diagnose.KindTooLarge, diagnose.KindSpendCap, diagnose.KindSpendLimit,
		diagnose.KindBilling, diagnose.KindSubscriptionLimit:
		return true
	}
	return false
}

func isRedirect(err error) bool {
	var pe *probe.Error
	return errors.As(err, &pe) && pe.Kind == probe.ErrRedirect
}

// endpoint names the probed URL for reports, without any user:password.
func (p *prober) endpoint() string {
	u, err := url.Parse(p.req.BaseURL)
	if err != nil {
		return ""
	}
	u.User = nil
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

func (p *prober) logLine(v any) {
	if p.log == nil {
		return
	}
	if err := p.log.Append(v); err != nil {
		cmdutil.Warnf(p.app.Env, "%s", err)
	}
}
