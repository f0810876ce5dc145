#!/bin/bash
# Quick start: install what is missing, build, bring the lab up and run the appliance inside the
# lab's scanner namespace, with the dashboard forwarded to http://127.0.0.1:${MAMORI_DEMO_PORT:-8380}.
# Ctrl-C stops the appliance and the forwarder (by their PIDs) and takes the lab down.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PORT=${MAMORI_DEMO_PORT:-8380}
DATA=${MAMORI_DEMO_DATA:-$ROOT/data/lab-demo}
SOCK=/run/mamori-lab/ui.sock

[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (the lab uses network namespaces)" >&2; exit 2; }
command -v node >/dev/null || { echo "demo.sh: Node.js >= 20.19 is needed (see README)" >&2; exit 2; }

bash "$ROOT/.ci/install-debian-packages.sh"
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci
npm run build
bash test/lab/lab.sh up --ttl "${MAMORI_DEMO_TTL:-7200}"

appliance_pid='' forwarder_pid=''
cleanup() {
  trap - INT TERM EXIT
  [ -n "$forwarder_pid" ] && kill "$forwarder_pid" 2>/dev/null || true
  [ -n "$appliance_pid" ] && kill "$appliance_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  bash "$ROOT/test/lab/lab.sh" down
}
trap cleanup INT TERM EXIT

mkdir -p "$DATA"
rm -f "$SOCK"
# `ip netns exec` execs node in place: $! is the appliance's own PID.
MAMORI_DATA_DIR="$DATA" MAMORI_SOCKET_PATH="$SOCK" MAMORI_PUBLIC_URL="http://127.0.0.1:$PORT" MAMORI_TARGETS=10.77.0.0/24 \
  ip netns exec mamori-scan node backend/dist/main.js &
appliance_pid=$!
for _ in $(seq 1 100); do [ -S "$SOCK" ] && break; sleep 0.1; done
[ -S "$SOCK" ] || { echo "demo.sh: the appliance did not start" >&2; exit 1; }
chmod 660 "$SOCK"
node test/lab/forward.mjs "127.0.0.1:$PORT" "$SOCK" &
forwarder_pid=$!
echo
echo "Dashboard: http://127.0.0.1:$PORT — on first start, open the set-up link printed above."
echo "Ctrl-C stops the appliance and takes the lab down."
wait "$appliance_pid"
