package planner

import (
	"strings"
	"testing"
)

func TestParseQuantity(t *testing.T) {
	good := []struct {
		in   string
		want int64
	}{
		{"800k", 800_000},
		{"800K", 800_000},
		{"1.5M", 1_500_000},
		{"2B", 2_000_000_000},
		{"800,000", 800_000},
		{"800_000", 800_000},
		{"8e5", 800_000},
		{"8E5", 800_000},
		{"1.25e3", 1250},
		{" 42 ", 42},
		{"0", 0},
		{"1,000,000", 1_000_000},
		{"1,500.5k", 1_500_500},
		{"0.5k", 500},
		{"9223372036854775k", 9_223_372_036_854_775_000},
		{"9223372036854775807", 9_223_372_036_854_775_807},
	}
	for _, c := range good {
		got, err := ParseQuantity(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseQuantity(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

func TestParseQuantityRejects(t *testing.T) {
	bad := []struct{ in, msg string }{
		{"-5", "not a quantity"},
		{"800kk", "not a quantity"},
		{"abc", "not a quantity"},
		{"", "empty"},
		{"   ", "empty"},
		{"1e30", "too large"},
		{"99999999999999999999", "too large"},
		{"9223372036854776k", "too large"},
		{"9223372036854775808", "too large"},
		{"10B0", "not a quantity"},
		{"1.5", "whole number"},
		{"1.0001k", "whole number"},
		{",800", "not a quantity"},
		{"800,", "not a quantity"},
		{"8,,00", "not a quantity"},
		{"1.2.3", "not a quantity"},
		{"NaN", "not a quantity"},
		{"Inf", "not a quantity"},
		{"0x10", "not a quantity"},
		{"k", "not a quantity"},
		{"1e", "not a quantity"},
		{"+5", "not a quantity"},
		{"1,2,3", "not a quantity"},
		{"80,0000", "not a quantity"},
		{"1234,567", "not a quantity"},
		{"1.5,0", "not a quantity"},
	}
	for _, c := range bad {
		got, err := ParseQuantity(c.in)
		if err == nil {
			t.Errorf("ParseQuantity(%q) = %d, want an error", c.in, got)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseQuantity(%q) error %q lacks %q", c.in, err, c.msg)
		}
	}
}

func TestFormatQuantity(t *testing.T) {
	for in, want := range map[int64]string{800_000: "800k", 1_500_000: "1.5M", 2_000_000_000: "2B", 950: "950", 3_304: "3,304", 12_345: "12.35k"} {
		if got := FormatQuantity(in); got != want {
			t.Errorf("FormatQuantity(%d) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{"800k", "1.5M", "2B", "800,000", "800_000", "8e5", "-5", "800kk", "abc", "1e400", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseQuantity(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error for %q: %q", s, err)
			}
			return
		}
		if v < 0 {
			t.Fatalf("ParseQuantity(%q) = %d, negative", s, v)
		}
	})
}
