package proxy

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// TokenPrefix marks a tierplan proxy token, so it is recognised in a
// settings file and by secret scanners.
const TokenPrefix = "tpk_"

// NewToken returns a new random token (256 bits) and the SHA-256 the users
// file keeps instead of it.
func NewToken() (token, hash string, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", fmt.Errorf("no randomness for a token: %w", err)
	}
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	h := sha256.Sum256([]byte(token))
	return token, hex.EncodeToString(h[:]), nil
}

// UsersFileEntry is the users-file entry for a new user.
func UsersFileEntry(name, hash string) string {
	return fmt.Sprintf("  - name: %s\n    token_sha256: %s\n", name, hash)
}
