package jsonscan

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// AppendUnescaped appends the JSON string contents raw with escapes
// resolved, as fastjson did before (an escape it cannot read is kept as
// written), so ids and paths read the same as they always have.
func AppendUnescaped(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			dst = append(dst, c)
			continue
		}
		i++
		switch raw[i] {
		case '"', '\\', '/':
			dst = append(dst, raw[i])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			x, ok := hex4(raw[i+1:])
			if !ok {
				dst = append(dst, '\\', 'u')
				continue
			}
			i += 4
			if !utf16.IsSurrogate(rune(x)) {
				dst = utf8.AppendRune(dst, rune(x))
				continue
			}
			rest := raw[i+1:]
			y, ok := uint64(0), len(rest) >= 6 && rest[0] == '\\' && rest[1] == 'u'
			if ok {
				y, ok = hex4(rest[2:])
			}
			if !ok {
				dst = append(dst, '\\', 'u')
				dst = append(dst, raw[i-3:i+1]...)
				continue
			}
			dst = utf8.AppendRune(dst, utf16.DecodeRune(rune(x), rune(y)))
			i += 6
		default:
			dst = append(dst, '\\', raw[i])
		}
	}
	return dst
}

func hex4(b []byte) (uint64, bool) {
	if len(b) < 4 {
		return 0, false
	}
	x, err := strconv.ParseUint(string(b[:4]), 16, 16)
	return x, err == nil
}
