package simulate

import "testing"

// FuzzParseClock: any --start value is a time of day or a clean error.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"09:00", "0:0", "23:59", "24:00", "9", "-1:30", "09:60", " 7:05 ", "a:b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseClock(s)
		if err == nil && (d < 0 || d.Hours() >= 24) {
			t.Fatalf("%q parsed to %s", s, d)
		}
	})
}
