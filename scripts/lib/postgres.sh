# Sourced helpers for a private PostgreSQL 15 cluster (no system service, no TCP port).
# initdb and postgres refuse to run as root, so as root they run as the `postgres` account.
PG_BIN=/usr/lib/postgresql/15/bin

# Socket path for a data dir: short and under /tmp, since Unix socket paths max out at 107 bytes.
pg_socket_dir() {
  echo "/tmp/samverkan-pg-$(realpath -m "$1" | md5sum | cut -c1-8)"
}

# Runs a PostgreSQL binary, as `postgres` when we are root.
_pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# As root, hands DIR to postgres and checks postgres can reach it through every parent.
_pg_own_dir() {
  mkdir -p "$1" || return
  [[ $(id -u) -eq 0 ]] || return 0
  chown postgres:postgres "$1" && chmod 700 "$1" || return
  if ! runuser -u postgres -- test -w "$1" -a -x "$1"; then
    echo "postgres.sh: user postgres cannot reach $1; make its parent dirs world-traversable (chmod o+x)" >&2
    return 1
  fi
}

# pg_cluster_start DATA_DIR SOCKET_DIR: creates the cluster on first use, then starts it.
pg_cluster_start() {
  local data sock
  data=$(realpath -m "$1") sock=$2
  # Explicit `|| return`: set -e does not apply inside a function called from `if`/`||`.
  _pg_own_dir "$data" || return
  _pg_own_dir "$sock" || return
  if [[ ! -f "$data/PG_VERSION" ]]; then
    _pg_as_owner "$PG_BIN/initdb" -D "$data" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null || return
    # Private cluster: Unix socket only; fsync stays on so crash tests mean something.
    cat >>"$data/postgresql.conf" <<CONF || return
listen_addresses = ''
unix_socket_directories = '$sock'
port = 5432
max_connections = 200
CONF
  fi
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1 && return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -w -l "$data/server.log" start >/dev/null
}

# pg_cluster_stop DATA_DIR: fast shutdown; quiet when it is not running.
pg_cluster_stop() {
  local data
  data=$(realpath -m "$1")
  [[ -f "$data/PG_VERSION" ]] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1 || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
}

# pg_cluster_restart DATA_DIR: stop then start again on the socket dir it was created with.
pg_cluster_restart() {
  local data sock
  data=$(realpath -m "$1")
  sock=$(sed -n "s/^unix_socket_directories = '\(.*\)'$/\1/p" "$data/postgresql.conf" | tail -1)
  pg_cluster_stop "$data" || return
  pg_cluster_start "$data" "$sock"
}
