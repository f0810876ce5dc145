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

# Node.js 24 LTS (>= 24.11; 20 reached end of life on 2026-04-30). One already on the PATH is used;
# otherwise the official build from the npm registry (package `node`) goes to /opt/node24, as in CI.
NODE24=/opt/node24
node_ok() { command -v node >/dev/null && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 24 || (a === 24 && b >= 11) ? 0 : 1)'; }
[ -x "$NODE24/node_modules/.bin/node" ] && ! node_ok && export PATH="$NODE24/node_modules/.bin:$PATH"
if ! node_ok; then
  command -v npm >/dev/null || {
    echo "demo.sh: Node.js 24 LTS (>= 24.11) is needed and there is no npm to fetch it. Install it first:" >&2
    echo "  NodeSource: https://github.com/nodesource/distributions (node_24.x), or the official tarball: https://nodejs.org/en/download" >&2
    exit 2
  }
  echo "demo.sh: Node.js $(node --version 2>/dev/null || echo '(none)') is too old; installing Node.js 24 LTS into $NODE24 (npm install --prefix $NODE24 node@24)"
  npm install --prefix "$NODE24" --no-audit --no-fund node@24
  export PATH="$NODE24/node_modules/.bin:$PATH"
  node_ok || { echo "demo.sh: Node.js 24 could not be installed into $NODE24" >&2; exit 2; }
fi
echo "demo.sh: Node.js $(node --version) ($(command -v node))"
# With the registry's build, native addons compile against its own headers (as in .ci/run).
headers=$(ls -d "$NODE24"/node_modules/node/node_modules/node-linux-*/ 2>/dev/null | head -1)
[[ $(command -v node) == "$NODE24"/* ]] && [ -n "$headers" ] && export npm_config_nodedir="${headers%/}"

# Installs the lab's Debian packages; their host services are disabled and masked right away
# (test/lab/host-units.sh): the lab runs its own copies inside its namespaces only.
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
  ip netns exec mamori-scan node --max-semi-space-size=4 backend/dist/main.js &
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
