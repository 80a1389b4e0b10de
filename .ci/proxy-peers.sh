# Sourced by .ci/run: installs and starts what the team proxy's tests talk to,
# and exports the variables those tests read (the real clients' variables are
# also those of cmd/internal/clientretry, whose end-to-end tests then run too). Without root (a developer's own
# machine), what is missing is reported and its tests skip.

peers_dir=""
pg_bin=""

stop_proxy_peers() {
  if [ -n "$pg_bin" ] && [ -d "$peers_dir/pg/data" ]; then
    su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$peers_dir/pg/data' -m fast -w stop" >/dev/null 2>&1 || true
  fi
  [ -n "$peers_dir" ] && rm -rf "$peers_dir"
}

start_proxy_peers() {
  peers_dir=$(mktemp -d)
  chmod 755 "$peers_dir"
  trap stop_proxy_peers EXIT

  # Debian packages: PostgreSQL and Chromium (chromedp drives Chromium
  # itself; no driver binary is needed).
  local need=""
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
  command -v chromium >/dev/null 2>&1 || need="$need chromium"
  if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "installing:$need"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq --no-install-recommends $need >/dev/null
    else
      echo "not root: not installing$need; their tests will skip" >&2
    fi
  fi

  # PostgreSQL: a throwaway cluster on 127.0.0.1, trust authentication.
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$pg_bin" ] && [ "$(id -u)" = 0 ]; then
    # The folder is the postgres user's: data, log and socket.
    mkdir "$peers_dir/pg" && chown postgres "$peers_dir/pg"
    su postgres -s /bin/sh -c "$pg_bin/initdb -D '$peers_dir/pg/data' -A trust -U postgres" >/dev/null
    local port
    for port in 55432 55433 55434 55435 55436; do
      if su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$peers_dir/pg/data' -l '$peers_dir/pg/log' -w \
           -o '-c listen_addresses=127.0.0.1 -p $port -k $peers_dir/pg' start" >/dev/null 2>&1; then
        su postgres -s /bin/sh -c "$pg_bin/psql -h 127.0.0.1 -p $port -U postgres -qc 'CREATE DATABASE tierplan_test'" >/dev/null
        export TIERPLAN_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/tierplan_test"
        echo "PostgreSQL on 127.0.0.1:$port"
        break
      fi
    done
    if [ -z "${TIERPLAN_TEST_POSTGRES:-}" ]; then
      echo "PostgreSQL did not start; its tests will skip:" >&2
      tail -n 5 "$peers_dir/pg/log" >&2 || true
    fi
  fi

  if command -v chromium >/dev/null 2>&1; then
    export TIERPLAN_TEST_CHROMIUM="$(command -v chromium)"
  fi

  # The real clients, pinned: the official TypeScript SDK and Claude Code.
  if command -v npm >/dev/null 2>&1; then
    if (cd "$peers_dir" && npm install --no-audit --no-fund --loglevel=error \
          @anthropic-ai/sdk@1.17.0 @anthropic-ai/claude-code@2.1.328 >/dev/null); then
      export TIERPLAN_SDK_DIR="$peers_dir"
      export TIERPLAN_CLAUDE_BIN="$peers_dir/node_modules/.bin/claude"
      echo "real clients: @anthropic-ai/sdk 1.17.0, $("$TIERPLAN_CLAUDE_BIN" --version)"
    else
      echo "npm install of the real clients failed; their tests will skip" >&2
    fi
  fi
}
