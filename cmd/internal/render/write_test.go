package render

import (
	"bytes"
	"testing"
)

func TestYAMLKeepsTypes(t *testing.T) {
	v := map[string]any{"s": "5m", "n": "1", "b": "true", "x": 1.5, "list": []string{"a"}, "empty": ""}
	var buf bytes.Buffer
	if err := YAML(&buf, v); err != nil {
		t.Fatal(err)
	}
	want := "b: \"true\"\nempty: \"\"\nlist:\n  - a\nn: \"1\"\ns: 5m\nx: 1.5\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestFormatSet(t *testing.T) {
	var f Format
	if err := f.Set("MD"); err != nil || f != FormatMarkdown {
		t.Errorf("md: %v %v", f, err)
	}
	if err := f.Set("xml"); err == nil {
		t.Error("xml accepted")
	}
}

func TestTablesAndCSV(t *testing.T) {
	g := Grid{Header: []string{"NAME", "N"}, Rows: [][]string{{"a,b", "1"}, {"c", "22"}}, RightAlign: []bool{false, true}}
	var buf bytes.Buffer
	if err := CSV(&buf, g); err != nil {
		t.Fatal(err)
	}
	if want := "NAME,N\n\"a,b\",1\nc,22\n"; buf.String() != want {
		t.Errorf("csv %q, want %q", buf.String(), want)
	}
	buf.Reset()
	if err := Markdown(&buf, g); err != nil {
		t.Fatal(err)
	}
	if want := "| NAME |  N |\n|:-----|---:|\n| a,b  |  1 |\n| c    | 22 |\n"; buf.String() != want {
		t.Errorf("markdown\n%s\nwant\n%s", buf.String(), want)
	}
}
