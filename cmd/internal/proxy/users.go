package proxy

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/tiers"
)

// Priorities of a user's calls in the pacing queue.
const (
	PriorityInteractive = "interactive"
	PriorityBatch       = "batch"
)

// User is one developer the proxy serves.
type User struct {
	Name     string
	Group    string
	Priority string // interactive (default) or batch
	Budget   pacing.Budget
	hash     [sha256.Size]byte
}

// Interactive reports whether the user's calls go before batch calls.
func (u *User) Interactive() bool { return u.Priority != PriorityBatch }

// Users is one version of the users file.
type Users struct {
	list []User
}

// rawUsers is the users file as written.
type rawUsers struct {
	Users []struct {
		Name        string  `yaml:"name"`
		TokenSHA256 string  `yaml:"token_sha256"`
		Group       string  `yaml:"group"`
		Priority    string  `yaml:"priority"`
		Budget      *budget `yaml:"budget"`
	} `yaml:"users"`
}

type budget struct {
	Day   *float64 `yaml:"day"`
	Week  *float64 `yaml:"week"`
	Month *float64 `yaml:"month"`
}

// MaxUsersFileSize bounds the users file: a line per field, a few hundred
// bytes per user, so a megabyte is thousands of users.
const MaxUsersFileSize = 1 << 20

// namePattern keeps names safe to print in logs and pages as they are. It
// is compiled on first use, as the expressions below are, not at package
// init: every command links the proxy, and only the proxy's own commands
// read a users file or name a user.
var namePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$`) })

// ParseUsers reads a users file; file names it in messages. Every problem
// is reported, one "FILE:LINE: what" line each.
func ParseUsers(file string, data []byte) (*Users, error) {
	if len(data) > MaxUsersFileSize {
		return nil, fmt.Errorf("%s: larger than %d bytes: not a users file", file, MaxUsersFileSize)
	}
	var raw rawUsers
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty: a users file lists users (see tierplan proxy token --help)", file)
		}
		return nil, yamlError(file, err)
	}
	lines := userLines(data)
	var probs []string
	bad := func(i int, format string, a ...any) {
		at := file
		if i < len(lines) {
			at = fmt.Sprintf("%s:%d", file, lines[i])
		}
		probs = append(probs, at+": "+fmt.Sprintf(format, a...))
	}
	u := &Users{}
	names, hashes := map[string]bool{}, map[string]bool{}
	for i, r := range raw.Users {
		user := User{Name: r.Name, Group: r.Group, Priority: r.Priority}
		switch {
		case !namePattern().MatchString(r.Name):
			bad(i, "name %q: use 1 to 64 letters, digits and . _ @ + -", r.Name)
		case names[r.Name]:
			bad(i, "name %q is listed twice", r.Name)
		}
		names[r.Name] = true
		if r.Group != "" && !namePattern().MatchString(r.Group) {
			bad(i, "group %q: use letters, digits and . _ @ + -", r.Group)
		}
		h, err := hex.DecodeString(strings.ToLower(r.TokenSHA256))
		switch {
		case err != nil || len(h) != sha256.Size:
			bad(i, "token_sha256 of %q: want 64 hex digits (tierplan proxy token NAME prints them)", r.Name)
		case hashes[string(h)]:
			bad(i, "token_sha256 of %q is another user's too", r.Name)
		default:
			copy(user.hash[:], h)
		}
		hashes[string(h)] = true
		switch r.Priority {
		case "":
			user.Priority = PriorityInteractive
		case PriorityInteractive, PriorityBatch:
		default:
			bad(i, "priority %q of %q: valid values are interactive, batch", r.Priority, r.Name)
		}
		if r.Budget != nil {
			for _, f := range []struct {
				name string
				v    *float64
				to   *tiers.Money
			}{{"day", r.Budget.Day, &user.Budget.Day}, {"week", r.Budget.Week, &user.Budget.Week}, {"month", r.Budget.Month, &user.Budget.Month}} {
				if f.v == nil {
					continue
				}
				if !(*f.v > 0) || *f.v > 1e9 || math.IsInf(*f.v, 0) {
					bad(i, "budget.%s of %q: want dollars above 0 (leave it out for no limit)", f.name, r.Name)
					continue
				}
				*f.to = tiers.Dollars(*f.v)
			}
		}
		u.list = append(u.list, user)
	}
	if len(probs) > 0 {
		return nil, errors.New(strings.Join(probs, "\n"))
	}
	return u, nil
}

// userLines finds the line of each item of the users list.
func userLines(data []byte) []int {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "users" {
			var out []int
			for _, it := range m.Content[i+1].Content {
				out = append(out, it.Line)
			}
			return out
		}
	}
	return nil
}

// Len is the number of users.
func (u *Users) Len() int { return len(u.list) }

// Authenticate finds the user a token belongs to. It hashes the token and
// compares the hash with every user's in constant time, without stopping at
// a match, so the time taken tells nothing about any token.
func (u *Users) Authenticate(token string) (*User, bool) {
	if token == "" {
		return nil, false
	}
	h := sha256.Sum256([]byte(token))
	found := -1
	for i := range u.list {
		if subtle.ConstantTimeCompare(h[:], u.list[i].hash[:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return nil, false
	}
	return &u.list[found], true
}

// yaml.v3's messages, rewritten by yamlError; compiled on first use.
var (
	yamlLine    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`) })
	unknownKey  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^field (\S+) not found in type .*$`) })
	wrongScalar = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("^cannot unmarshal !!\\w+ `(.*)` into (\\S+)$") })
)

// yamlError rewrites yaml.v3's messages as one "FILE:LINE: what" line per
// problem, in words a user of the file knows.
func yamlError(file string, err error) error {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var out []string
	for _, m := range msgs {
		at := file
		if g := yamlLine().FindStringSubmatch(m); g != nil {
			at, m = file+":"+g[1], g[2]
		}
		if g := unknownKey().FindStringSubmatch(m); g != nil {
			m = "unknown key " + g[1] + " (a user has name, token_sha256, group, priority, budget: {day, week, month})"
		} else if g := wrongScalar().FindStringSubmatch(m); g != nil {
			kind := "value of the right kind"
			if g[2] == "float64" {
				kind = "number of dollars"
			}
			m = fmt.Sprintf("%q is not a %s", g[1], kind)
		}
		out = append(out, at+": "+strings.TrimPrefix(m, "yaml: "))
	}
	return errors.New(strings.Join(out, "\n"))
}
