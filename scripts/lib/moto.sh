# Sourced by scripts that need a local AWS emulator. Starts moto_server on 127.0.0.1 on a free
# port, waits until it answers, and stops it by its PID (never by name, so other engineers' or
# users' emulators are left alone).
#
#   source scripts/lib/moto.sh
#   moto_start            # exports MOTO_PORT, MOTO_PID, MOTO_ENDPOINT, MOTO_CA_BUNDLE; log in $MOTO_LOG
#   ...
#   moto_stop             # stops only the server moto_start started
#
# Scripts that start it should `trap moto_stop EXIT` so an interrupted run leaves nothing behind.
#
# It serves HTTPS with a self-signed certificate for 127.0.0.1 generated here (MOTO_CA_BUNDLE is
# its PEM file; Terraform and boto3 trust it through AWS_CA_BUNDLE): the state bucket's TLS-only
# policy is enforced by moto, so plain HTTP would be denied. MOTO_TLS=0 serves plain HTTP.

moto_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

moto_answers() {
  # moto's own API answers plain GETs; any HTTP status means the server is up.
  curl -s -o /dev/null --max-time 2 ${MOTO_CA_BUNDLE:+--cacert "$MOTO_CA_BUNDLE"} "$MOTO_ENDPOINT/moto-api/" 2>/dev/null
}

moto_certificate() { # dir -> writes cert.pem and key.pem for 127.0.0.1 unless present
  [ -s "$1/cert.pem" ] && [ -s "$1/key.pem" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$1/key.pem" -out "$1/cert.pem" >/dev/null 2>&1
}

# The real moto_server script, not a pyenv shim: a shim runs it in a child process, so the PID
# `$!` gives would not be the server's and stopping by PID would leave the server running.
moto_binary() {
  local real
  real=$(python3 -c 'import os, sys; print(os.path.join(os.path.dirname(sys.executable), "moto_server"))' 2>/dev/null || true)
  if [ -n "$real" ] && [ -x "$real" ]; then echo "$real"; else command -v moto_server; fi
}

moto_start() {
  command -v moto_server >/dev/null 2>&1 || { echo "moto_server is not installed (run scripts/install-test-deps)" >&2; return 1; }
  local port=${1:-$(moto_free_port)}
  local bin
  bin=$(moto_binary)
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  mkdir -p "$root/.plinth/moto"
  MOTO_LOG="$root/.plinth/moto/moto-$port.log"
  local tls_args=()
  if [ "${MOTO_TLS:-1}" = 1 ]; then
    moto_certificate "$root/.plinth/moto" || { echo "openssl could not create the emulator's certificate" >&2; return 1; }
    MOTO_CA_BUNDLE="$root/.plinth/moto/cert.pem"
    tls_args=(-s -c "$root/.plinth/moto/cert.pem" -k "$root/.plinth/moto/key.pem")
    MOTO_ENDPOINT="https://127.0.0.1:$port"
  else
    MOTO_CA_BUNDLE=
    MOTO_ENDPOINT="http://127.0.0.1:$port"
  fi
  # AWS-managed IAM policies (AdministratorAccess, ...) exist in every real account; moto loads
  # them only when asked.
  MOTO_IAM_LOAD_MANAGED_POLICIES=true "$bin" -H 127.0.0.1 -p "$port" "${tls_args[@]}" >"$MOTO_LOG" 2>&1 &
  MOTO_PID=$!
  MOTO_PORT=$port
  export MOTO_PID MOTO_PORT MOTO_ENDPOINT MOTO_LOG MOTO_CA_BUNDLE
  local waited=0
  until moto_answers; do
    if ! kill -0 "$MOTO_PID" 2>/dev/null; then
      echo "moto_server exited during start-up; its log:" >&2
      cat "$MOTO_LOG" >&2
      return 1
    fi
    sleep 0.2
    waited=$((waited + 1))
    [ "$waited" -lt 150 ] || { echo "moto_server did not answer on port $port within 30s" >&2; moto_stop; return 1; }
  done
}

moto_stop() {
  [ -n "${MOTO_PID:-}" ] || return 0
  kill "$MOTO_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do kill -0 "$MOTO_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$MOTO_PID" 2>/dev/null || true
  wait "$MOTO_PID" 2>/dev/null || true
  unset MOTO_PID
}
