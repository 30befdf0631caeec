#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benchmarks: initdb into a temporary data directory, listen on
# 127.0.0.1 at a free port, trust authentication (loopback only, nothing secret in it), and stop it by
# its data directory with pg_ctl. Runs the server as the `postgres` user when invoked as root, since
# PostgreSQL refuses to run as root.
#
# Sourced:   source scripts/lib/postgres.sh; plinth_pg_start; ...; plinth_pg_stop
#            exports PLINTH_PG_DATA, PLINTH_PG_PORT, PLINTH_TEST_POSTGRES_URL
# Executed:  scripts/lib/postgres.sh start   -> prints "<data dir> <port> <url>", then "ok"
#            scripts/lib/postgres.sh start-tls -> TLS only (plinth_pg_enable_tls): "<data dir> <port> <CA file>", "ok"
#            scripts/lib/postgres.sh stop <data dir> | restart <data dir> | halt <data dir>  -> "ok"

plinth_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  echo "postgres.sh: initdb not found; run scripts/install-test-deps" >&2
  return 1
}

plinth_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

plinth_pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts a new server; sets PLINTH_PG_DATA, PLINTH_PG_PORT and PLINTH_TEST_POSTGRES_URL.
plinth_pg_start() {
  local bin
  bin=$(plinth_pg_bin) || return 1
  export PATH="$bin:$PATH"
  PLINTH_PG_DATA=$(mktemp -d /tmp/plinth-pg.XXXXXX) || return 1
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PLINTH_PG_DATA"
  chmod 700 "$PLINTH_PG_DATA"
  plinth_pg_as_owner "$bin/initdb" -D "$PLINTH_PG_DATA/data" -U plinth -A trust --no-sync -E UTF8 >"$PLINTH_PG_DATA/initdb.log" 2>&1 || {
    echo "postgres.sh: initdb failed:" >&2; cat "$PLINTH_PG_DATA/initdb.log" >&2; return 1; }
  PLINTH_PG_PORT=$(plinth_pg_free_port)
  echo "$PLINTH_PG_PORT" >"$PLINTH_PG_DATA/port"
  if [ "${PLINTH_PG_TLS:-}" = 1 ]; then plinth_pg_enable_tls "$PLINTH_PG_DATA" || return 1; fi
  plinth_pg_start_existing "$PLINTH_PG_DATA" || return 1
  export PLINTH_PG_DATA PLINTH_PG_PORT
  export PLINTH_TEST_POSTGRES_URL="postgres://plinth@127.0.0.1:$PLINTH_PG_PORT/postgres"
}

# Starts (again) the server of a data directory made by plinth_pg_start, on its recorded port.
plinth_pg_start_existing() {
  local root=$1 bin port
  bin=$(plinth_pg_bin) || return 1
  port=$(cat "$root/port")
  plinth_pg_as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$root' -c fsync=off -c max_connections=200" \
    start >/dev/null || { echo "postgres.sh: server did not start:" >&2; tail -20 "$root/server.log" >&2; return 1; }
}

# Turns on TLS for a data directory made by plinth_pg_start, before it is (re)started: a CA and a
# server certificate for 127.0.0.1 made here (ca.pem; untrusted-ca.pem is a second CA that signed
# nothing), and a pg_hba.conf that accepts TCP only over TLS: the superuser `plinth` by trust,
# every other role by SCRAM password.
plinth_pg_enable_tls() {
  local root=$1 tls=$1/tls
  mkdir -p "$tls"
  (
    cd "$tls" || exit 1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=plinth test CA" \
      -keyout ca.key -out ca.pem
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=untrusted CA" \
      -keyout untrusted-ca.key -out untrusted-ca.pem
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr
    printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.pem
    rm -f ca.key untrusted-ca.key server.csr
  ) >"$root/tls.log" 2>&1 || { echo "postgres.sh: certificates failed:" >&2; cat "$root/tls.log" >&2; return 1; }
  chmod 600 "$tls/server.key"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$tls"
  cat >>"$root/data/postgresql.conf" <<CONF
ssl = on
ssl_cert_file = '$tls/server.pem'
ssl_key_file = '$tls/server.key'
password_encryption = 'scram-sha-256'
CONF
  printf 'local all all trust\nhostssl all plinth 127.0.0.1/32 trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n' \
    >"$root/data/pg_hba.conf"
}

# Stops the server immediately (a crash, as far as clients can tell); the data directory stays.
plinth_pg_halt() {
  local root=${1:-${PLINTH_PG_DATA:-}} bin
  [ -n "$root" ] && [ -d "$root/data" ] || return 0
  bin=$(plinth_pg_bin) || return 1
  plinth_pg_as_owner "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
}

# Stops the server and removes its data directory.
plinth_pg_stop() {
  local root=${1:-${PLINTH_PG_DATA:-}}
  [ -n "$root" ] || return 0
  plinth_pg_halt "$root"
  case "$root" in /tmp/plinth-pg.*) rm -rf "$root" ;; esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) plinth_pg_start; echo "$PLINTH_PG_DATA $PLINTH_PG_PORT $PLINTH_TEST_POSTGRES_URL" ;;
    start-tls)
      PLINTH_PG_TLS=1 plinth_pg_start
      echo "$PLINTH_PG_DATA $PLINTH_PG_PORT $PLINTH_PG_DATA/tls/ca.pem" ;;
    stop) plinth_pg_stop "${2:?data dir}" ;;
    halt) plinth_pg_halt "${2:?data dir}" ;;
    restart) plinth_pg_start_existing "${2:?data dir}" ;;
    *) echo "usage: $0 start | start-tls | stop <dir> | halt <dir> | restart <dir>" >&2; exit 2 ;;
  esac
  echo ok
fi
