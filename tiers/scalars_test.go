package tiers

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestParseDollars(t *testing.T) {
	good := map[string]Money{
		"3":        3_000_000,
		"3.75":     3_750_000,
		"0.30":     300_000, // 0.30 × 1e6, exact: no float in between
		"0.000125": 125,
		"22.5":     22_500_000,
		"200_000":  200_000_000_000,
		"-1.5":     -1_500_000,
		"7.":       7_000_000,
	}
	for in, want := range good {
		got, err := parseDollars(in)
		if err != nil || got != want {
			t.Errorf("parseDollars(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	bad := map[string]string{
		"$3":                   "expected a dollar amount",
		"3,75":                 "expected a dollar amount",
		"":                     "expected a dollar amount",
		".5":                   "expected a dollar amount",
		"1e3":                  "expected a dollar amount",
		"0.0000001":            "finer than a micro-dollar",
		"99999999999999999999": "too large",
		"9223372036854":        "too large",
	}
	for in, want := range bad {
		if _, err := parseDollars(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseDollars(%q) error %v, want %q", in, err, want)
		}
	}
}

func TestCount(t *testing.T) {
	var v struct {
		N count `yaml:"n"`
	}
	good := map[string]count{"n: 2000000": 2_000_000, "n: 2_000_000": 2_000_000, "n: 2e6": 2_000_000, "n: -5": -5, "n: '30000'": 30_000}
	for in, want := range good {
		v.N = 0
		if err := yaml.Unmarshal([]byte(in), &v); err != nil || v.N != want {
			t.Errorf("%s: got %d, %v; want %d", in, v.N, err, want)
		}
	}
	bad := map[string]string{
		"n: 1.5":       `line 1: expected a whole number, found "1.5"`,
		"n: 2,000,000": `line 1: expected a whole number, found "2,000,000" (write 2000000 or 2_000_000)`,
		"n: [1]":       `line 1: expected a whole number, found a list`,
		"n: 1e30":      `line 1: expected a whole number, found "1e30"`,
		"n: lots":      `line 1: expected a whole number, found "lots"`,
	}
	for in, want := range bad {
		err := yaml.Unmarshal([]byte(in), &v)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", in, err, want)
		}
	}
}

func TestEditDistanceSuggestions(t *testing.T) {
	known := []string{"price_per_mtok", "pool", "match", "context_window"}
	cases := map[string]string{"pirce_per_mtok": "price_per_mtok", "pools": "pool", "mach": "match", "colour": ""}
	for in, want := range cases {
		if got := closestKey(in, known); got != want {
			t.Errorf("closestKey(%q) = %q, want %q", in, got, want)
		}
	}
}
