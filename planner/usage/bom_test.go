package usage

import (
	"path/filepath"
	"strings"
	"testing"
)

// The first line of a file with a byte-order mark is read like the others,
// also when it is longer than the read buffer and read again by offset.
func TestBOMFileFirstLineIsRead(t *testing.T) {
	long := strings.Replace(goodLine, `"cwd":"/w"`, `"cwd":"/`+strings.Repeat("w", 2*readBufferSize)+`"`, 1)
	for name, first := range map[string]string{"short": goodLine, "long": long} {
		dir := t.TempDir()
		path := filepath.Join(dir, "p", "s1.jsonl")
		second := strings.NewReplacer(`"msg_1"`, `"msg_2"`, `"req_1"`, `"req_2"`).Replace(goodLine)
		writeFile(t, path, "\uFEFF"+first+"\n"+second+"\n")
		files, _, err := FindFiles(OSFileSystem{}, []string{path})
		if err != nil {
			t.Fatal(err)
		}
		data := Read(OSFileSystem{}, files, Options{Workers: 1})
		if len(data.Problems) != 0 || len(data.Entries()) != 2 || data.Files[0].BadLines != 0 {
			t.Fatalf("%s: %d entries, problems %+v", name, len(data.Entries()), data.Problems)
		}
	}
}
