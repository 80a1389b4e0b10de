package proxy

import (
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/tiers"
)

//go:embed dashboard.html
var dashboardHTML string

// dashboardPage is the dashboard's template, parsed on the first request
// for the page rather than at package init: every command links the proxy,
// and only a running proxy shows a dashboard.
var dashboardPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("dashboard").Funcs(template.FuncMap{
		"money":  func(m tiers.Money) string { return m.String() },
		"digits": tiers.GroupDigits,
		"pct":    func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"clock":  func(t time.Time) string { return t.UTC().Format("15:04:05") },
		"chart":  chartOf,
		"warnY":  func(below float64) string { return fmt.Sprintf("%.1f", 120*(1-below)) },
	}).Parse(dashboardHTML))
})

// serveDashboard is GET /: the page, for an admin. A HEAD of / answers 200
// to anyone, with nothing in it, for clients that probe the base URL.
func (s *Server) serveDashboard(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.admin(func(w http.ResponseWriter, r *http.Request) {
		d, err := s.buildDashboard(r.Context())
		if err != nil {
			s.logf("warning: dashboard: %v", err)
			writeAPIError(w, http.StatusServiceUnavailable, "tierplan proxy: the store cannot be read now")
			return
		}
		var b strings.Builder
		if err := dashboardPage().Execute(&b, d); err != nil {
			writeAPIError(w, http.StatusInternalServerError, "tierplan proxy: dashboard: "+err.Error())
			return
		}
		h := w.Header()
		h.Set("content-type", "text/html; charset=utf-8")
		h.Set("cache-control", "no-store")
		// Nothing but the page itself: no scripts, no outside assets.
		h.Set("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
		_, _ = w.Write([]byte(b.String()))
	})(w, r)
}

func (s *Server) serveDashboardJSON(w http.ResponseWriter, r *http.Request) {
	d, err := s.buildDashboard(r.Context())
	if err != nil {
		writeAPIError(w, http.StatusServiceUnavailable, "tierplan proxy: the store cannot be read now")
		return
	}
	writeJSON(w, d)
}

// Chart is one bucket's hour drawn as SVG: the share left as a filled area.
type Chart struct {
	Width, Height int
	Area, Line    string // SVG path data
	Last          float64
	Points        int
}

// chartOf draws a series over the hour before now: x is time, y the share
// left (full at the top). Each reading holds until the next.
func chartOf(b BucketSeries, now time.Time) Chart {
	c := Chart{Width: 600, Height: 120, Points: len(b.Points)}
	if len(b.Points) == 0 {
		return c
	}
	start := now.Add(-dashboardWindow)
	x := func(t time.Time) float64 {
		f := float64(t.Sub(start)) / float64(dashboardWindow)
		return float64(c.Width) * min(max(f, 0), 1)
	}
	y := func(left float64) float64 { return float64(c.Height) * (1 - min(max(left, 0), 1)) }
	pts := make([][2]float64, len(b.Points))
	for i, p := range b.Points {
		pts[i] = [2]float64{x(p.Time), y(p.Left)}
	}
	c.Line, c.Area = chart.StepPath(pts, float64(c.Width), float64(c.Height))
	c.Last = b.Points[len(b.Points)-1].Left
	return c
}
