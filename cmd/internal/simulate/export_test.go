package simulate

// Unexported names the external tests check against.
const (
	// WindowRange is the --window range its help and its error name.
	WindowRange = windowRange
	// NoRetryAfter marks a compared policy run with retry-after ignored.
	NoRetryAfter = noRetryAfter
)
