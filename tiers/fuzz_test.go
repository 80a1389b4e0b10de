package tiers_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

// FuzzParse: whatever the bytes, Parse never panics and returns either a
// table that keeps the schema's promises or a *ParseError whose lines are
// sorted and each start with the file name. Seeds: the shipped tables and
// every broken file.
func FuzzParse(f *testing.F) {
	f.Add(tierplan.DefaultTiers)
	seeds, _ := filepath.Glob("examples/*.yaml")
	broken, _ := filepath.Glob("testdata/broken/*.yaml")
	for _, p := range append(seeds, broken...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := tiers.Parse("f.yaml", data)
		if err != nil {
			checkParseError(t, err)
			checkNotTextIsLocated(t, data, err)
			return
		}
		checkTable(t, tb)
	})
}

// checkNotTextIsLocated: bytes that are not UTF-8 text are refused with the
// line of the first bad byte, a line the file has.
func checkNotTextIsLocated(t *testing.T, data []byte, err error) {
	text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(data) > tiers.MaxFileSize || (utf8.Valid(text) && bytes.IndexByte(text, 0) < 0) {
		return
	}
	var pe *tiers.ParseError
	errors.As(err, &pe)
	if len(pe.Problems) != 1 || pe.Problems[0].Line < 1 || pe.Problems[0].Line > bytes.Count(text, []byte("\n"))+1 ||
		!strings.HasPrefix(pe.Problems[0].Msg, "column ") {
		t.Fatalf("not text, reported as %v", err)
	}
}

func checkParseError(t *testing.T, err error) {
	var pe *tiers.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T is not a *ParseError: %v", err, err)
	}
	if len(pe.Problems) == 0 || len(pe.Problems) > tiers.MaxProblems+1 {
		t.Fatalf("%d problems", len(pe.Problems))
	}
	if !sort.SliceIsSorted(pe.Problems[:min(len(pe.Problems), tiers.MaxProblems)], func(i, j int) bool {
		return pe.Problems[i].Line < pe.Problems[j].Line
	}) {
		t.Fatalf("problems not sorted by line:\n%v", err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, "f.yaml:") || strings.HasSuffix(line, ": ") {
			t.Fatalf("malformed problem line %q", line)
		}
	}
}

func checkTable(t *testing.T, tb *tiers.Table) {
	if tb.SchemaVersion != tiers.SchemaVersion || tb.Provider == "" || tb.Source == "" || tb.AsOf.IsZero() || len(tb.Models) == 0 {
		t.Fatalf("accepted an incomplete table: %+v", tb)
	}
	for _, m := range tb.Models {
		p := m.Price
		if p.Input <= 0 || p.Output <= 0 || p.CacheRead <= 0 || p.CacheWrite5m <= 0 || p.CacheWrite1h <= 0 || m.ContextWindow <= 0 || len(m.Match) == 0 {
			t.Fatalf("accepted model %+v", m)
		}
	}
	for _, tier := range tb.Tiers {
		if !tier.Negotiated && len(tier.Limits) == 0 {
			t.Fatalf("accepted tier %s with no limits", tier.Name)
		}
		for pool, l := range tier.Limits {
			found := false
			for _, p := range tb.Pools {
				found = found || p == pool
			}
			if !found || l.RPM < 0 || l.ITPM < 0 || l.OTPM < 0 || l.TPM < 0 || l.TokensPerDay < 0 || l.RequestsPerDay < 0 {
				t.Fatalf("accepted tier %s pool %s: %+v", tier.Name, pool, l)
			}
		}
	}
	for _, p := range tb.Plans {
		for _, a := range []*tiers.Allowance{p.Window5h, p.Weekly} {
			if a != nil && (a.Low <= 0 || a.Low > a.High) {
				t.Fatalf("accepted plan %s allowance %+v", p.Name, a)
			}
		}
		if !p.Evaluated() && p.AllowanceUnknown == "" || p.PriceMonthly <= 0 && p.SeatPriceMonthly <= 0 {
			t.Fatalf("accepted plan %+v", p)
		}
		for _, m := range p.WeeklyMeters {
			if m.ShareOfWeekly <= 0 || m.ShareOfWeekly > 1 || p.Weekly == nil {
				t.Fatalf("accepted plan %s meter %+v", p.Name, m)
			}
		}
	}
	// Every figure says where it comes from, in the words the schema allows.
	for _, f := range tb.Figures {
		known := false
		for _, c := range tiers.Confidences {
			known = known || c == f.Confidence
		}
		if !known || f.Source == "" || f.AsOf.IsZero() || len(f.Key) < 3 || f.Line < 1 {
			t.Fatalf("figure %+v", f)
		}
	}
	for _, m := range tb.Models {
		if m.Fast != nil && (m.Fast.Pool == m.Pool || m.Fast.Price.Input <= 0) {
			t.Fatalf("accepted fast mode %+v", m.Fast)
		}
	}
}
