package simulate

// Unexported names the external tests check against.
const (
	// NoRetryAfter marks a compared policy run with retry-after ignored.
	NoRetryAfter = noRetryAfter
)
