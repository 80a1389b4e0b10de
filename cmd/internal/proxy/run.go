package proxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/internal/userfile"
)

// defaultStore is the SQLite file in the user's data directory.
func defaultStore(getenv func(string) string) (string, error) {
	dir := getenv("XDG_DATA_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return "", fmt.Errorf("no data directory ($XDG_DATA_HOME and $HOME are not set): give --store")
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "tierplan", "proxy.db"), nil
}

func run(cmd *cobra.Command, d Deps, o options) error {
	c, err := config(d, o)
	if err != nil {
		return err
	}
	if c.Table, err = d.Table(); err != nil {
		return err
	}
	data, err := readUsersFile(o.users)
	if err != nil {
		return fmt.Errorf("--users: %w", err)
	}
	users, err := ParseUsers(o.users, data)
	if err != nil {
		return err
	}
	dsn := o.store
	if dsn == "" {
		if dsn, err = defaultStore(d.Getenv); err != nil {
			return err
		}
	}
	ctx := d.Context
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	octx, cancel := context.WithTimeout(ctx, 30*time.Second)
	st, err := store.Open(octx, dsn)
	cancel()
	if err != nil {
		return err
	}
	defer st.Close()
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return d.UsageError(fmt.Errorf("--listen %s: %w", o.listen, err))
	}
	c.Instance = o.instance
	if c.Instance == "" {
		host, _ := os.Hostname()
		c.Instance = host + ":" + portOf(ln.Addr())
	}
	srv, err := New(c, users, st)
	if err != nil {
		ln.Close()
		return err
	}
	go watchUsers(ctx, o.users, srv)
	srv.logf("listening on http://%s, forwarding to %s, %d users, records in %s", ln.Addr(), c.Upstream.Redacted(), users.Len(), st.Describe())
	if d.Listening != nil {
		d.Listening(ln.Addr().String())
	}
	return srv.Serve(ctx, ln)
}

func portOf(a net.Addr) string {
	_, port, _ := net.SplitHostPort(a.String())
	return port
}

// watchUsers re-reads the users file when it changes; a version with
// problems is reported and the previous one kept.
func watchUsers(ctx context.Context, file string, srv *Server) {
	last, _ := os.Stat(file)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fi, err := os.Stat(file)
		if err != nil || last != nil && fi.ModTime().Equal(last.ModTime()) && fi.Size() == last.Size() && os.SameFile(fi, last) {
			continue
		}
		last = fi
		data, err := readUsersFile(file)
		if err == nil {
			var u *Users
			if u, err = ParseUsers(file, data); err == nil {
				srv.SetUsers(u)
				srv.logf("users file re-read: %d users", u.Len())
				continue
			}
		}
		srv.logf("warning: users file not re-read, the previous version stays: %v", err)
	}
}

// readUsersFile reads the users file as every command reads a file it is
// named: capped at MaxUsersFileSize (/dev/zero is refused, not read until
// memory runs out), and without waiting on a named pipe nobody writes to.
func readUsersFile(file string) ([]byte, error) {
	data, err := userfile.ReadFile(file, MaxUsersFileSize)
	if errors.Is(err, userfile.ErrTooLarge) {
		return nil, fmt.Errorf("%s: larger than %d bytes: not a users file", file, MaxUsersFileSize)
	}
	return data, err
}
