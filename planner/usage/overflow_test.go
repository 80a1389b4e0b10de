package usage

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// usageLine is one assistant line with the given input_tokens text, so a
// test can write counts in any JSON number form.
func usageLine(id, inputTokens string) string {
	return fmt.Sprintf(`{"sessionId":"s1","type":"assistant","timestamp":"2025-11-04T09:00:00Z","requestId":"r%s","message":{"id":"m%s","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":%s,"output_tokens":1}}}`, id, id, inputTokens)
}

// e18 writes n×10^18 in plain digits, as a corrupt log would: each fits
// int64, but four of them overflow a sum.
func e18(n int) string { return fmt.Sprintf("%d000000000000000000", n) }

// Huge counts are refused line by line, so the sum of the rest cannot wrap
// around into a negative total.
func TestHugeTokenCountsAreBadLines(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p", "s1.jsonl")
	lines := []string{
		usageLine("1", e18(3)), usageLine("2", e18(5)), usageLine("3", e18(1)),
		usageLine("4", e18(3)), usageLine("5", "1000000000000"), usageLine("6", "7"),
	}
	writeFile(t, path, strings.Join(lines, "\n")+"\n")
	files, _, err := FindFiles(OSFileSystem{}, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	data := Read(OSFileSystem{}, files, Options{Workers: 1})
	if len(data.Files) != 1 || data.Files[0].BadLines != 4 {
		t.Fatalf("files %+v", data.Files)
	}
	if !strings.Contains(data.Files[0].FirstBad, "usage.input_tokens is 3000000000000000000, not a token count") {
		t.Fatalf("first bad: %q", data.Files[0].FirstBad)
	}
	var sum Tokens
	for _, e := range data.Entries() {
		sum.Add(e.Tokens)
	}
	// The two good lines: 1e12 + 7 input, 1 + 1 output.
	if sum.Input != 1_000_000_000_007 || sum.Output != 2 {
		t.Fatalf("sum %+v", sum)
	}
}
