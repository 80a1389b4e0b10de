package jsonscan

// Value passes over one value at the position, checking it.
func (s *Scanner) Value() error {
	switch c := s.Peek(); {
	case c == '{':
		return s.skipObject()
	case c == '[':
		return s.skipArray()
	case c == '"':
		_, _, _, err := s.Str()
		return err
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		_, err := s.Number()
		return err
	case c == 0 && s.i >= len(s.b):
		return ErrEnd
	default:
		return s.errorf("unexpected %q", c)
	}
}

func (s *Scanner) literal(word string) error {
	if len(s.b)-s.i < len(word) || string(s.b[s.i:s.i+len(word)]) != word {
		return s.errorf("unexpected %q", s.b[s.i])
	}
	s.i += len(word)
	return nil
}

// Number reads a number at the position and returns its text.
func (s *Scanner) Number() ([]byte, error) {
	b, start := s.b, s.i
	i := s.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		s.i = i
		return nil, s.errorf("bad number")
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			s.i = i
			return nil, s.errorf("bad number")
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.i = i
			return nil, s.errorf("bad number")
		}
	}
	s.i = i
	return b[start:i], nil
}

// Enter steps into the object or array at the position (after Peek saw
// '{' or '['), counting the depth.
func (s *Scanner) Enter() error {
	s.depth++
	if s.depth > MaxDepth {
		return s.errorf("nested deeper than %d", MaxDepth)
	}
	s.i++ // the '{' or '['
	return nil
}

// Member moves to the next member of the object being read, the n-th
// (from 0), and returns its key's raw span; ok is false at the object's
// end, which it consumes.
func (s *Scanner) Member(n int) (key []byte, escaped, ok bool, err error) {
	c := s.Peek()
	if c == '}' {
		s.i++
		s.depth--
		return nil, false, false, nil
	}
	if n > 0 {
		if c != ',' {
			return s.unexpected("',' or '}'")
		}
		s.i++
		c = s.Peek()
	}
	if c != '"' {
		return s.unexpected("a key")
	}
	start, end, escaped, err := s.Str()
	if err != nil {
		return nil, false, false, err
	}
	if s.i >= len(s.b) || s.b[s.i] != ':' { // the usual ':' right after the key, else after spaces
		if s.Peek() != ':' {
			return s.unexpected("':'")
		}
	}
	s.i++
	s.skipSpace()
	return s.b[start:end], escaped, true, nil
}

func (s *Scanner) unexpected(want string) ([]byte, bool, bool, error) {
	if s.i >= len(s.b) {
		return nil, false, false, ErrEnd
	}
	return nil, false, false, s.errorf("unexpected %q, want %s", s.b[s.i], want)
}

func (s *Scanner) skipObject() error {
	if err := s.Enter(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		_, _, ok, err := s.Member(n)
		if err != nil || !ok {
			return err
		}
		if err := s.Value(); err != nil {
			return err
		}
	}
}

func (s *Scanner) skipArray() error {
	if err := s.Enter(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		ok, err := s.Element(n)
		if err != nil || !ok {
			return err
		}
		if err := s.Value(); err != nil {
			return err
		}
	}
}

// Element moves to the n-th element of the array being read; ok is false
// at the array's end, which it consumes.
func (s *Scanner) Element(n int) (bool, error) {
	c := s.Peek()
	if c == ']' && n == 0 {
		s.i++
		s.depth--
		return false, nil
	}
	if n == 0 {
		return true, nil
	}
	switch c {
	case ']':
		s.i++
		s.depth--
		return false, nil
	case ',':
		s.i++
		if s.Peek() == ']' {
			return false, s.errorf("unexpected ']' after ','")
		}
		return true, nil
	case 0:
		return false, ErrEnd
	}
	return false, s.errorf("unexpected %q, want ',' or ']'", c)
}

// End checks that nothing but white space follows the value.
func (s *Scanner) End() error {
	if s.Peek() != 0 || s.i < len(s.b) {
		return s.errorf("unexpected %q after the value", s.b[s.i])
	}
	return nil
}
