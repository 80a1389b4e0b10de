package cmdutil

import (
	"slices"
	"testing"
)

func TestFromLogsPaths(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{FromLogsAuto, nil},
		{"a.jsonl", []string{"a.jsonl"}},
		{" a , ,b/ ", []string{"a", "b/"}},
	} {
		got, err := FromLogsPaths(c.in)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("FromLogsPaths(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", ",", " , ", "\t"} {
		_, err := FromLogsPaths(bad)
		if err == nil || ExitCode(err) != ExitUsage {
			t.Errorf("FromLogsPaths(%q): error %v, want a usage error", bad, err)
		}
	}
}
