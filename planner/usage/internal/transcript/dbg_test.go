package transcript

import (
	"bufio"
	"os"
	"testing"
)

func BenchmarkDbgParse(b *testing.B) {
	f, _ := os.Open("/tmp/uf/asst.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var lines [][]byte
	n := 0
	for sc.Scan() {
		lines = append(lines, append([]byte(nil), sc.Bytes()...))
		n += len(sc.Bytes())
	}
	b.SetBytes(int64(n))
	p := NewParser()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			p.Parse(l)
		}
	}
}
