#!/bin/bash
# Installs Mamori on Debian 12 / Raspberry Pi OS (amd64, arm64) from this source tree, or upgrades
# it in place. Safe to run again: it keeps /etc/mamori/mamori.env and the data in /var/lib/mamori.
# Details and the least-privilege reasoning: deploy/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: sudo deploy/install.sh [options]
  --node PATH       use this Node.js (24 LTS, >= 24.11): a node binary, or an unpacked official tarball
                    (the directory holding bin/node and bin/npm); it is copied to /opt/mamori/node
  --install-node    no suitable Node.js found: install Node.js 24 LTS from NodeSource's apt repository
  --no-net-raw      run without CAP_NET_RAW (Mamori needs it for nothing today; see deploy/README.md)
  --lan-only        the kernel allows only LAN addresses, in and out (alerts then reach LAN servers only)
  --listen HOST:PORT  where the dashboard listens (written to /etc/mamori/mamori.env)
  --no-systemd      do not install the systemd unit; print how to start Mamori instead
  --start           without systemd: start Mamori in the background (log /var/log/mamori/mamori.log)
  --no-build        use backend/dist and frontend/dist as they are
  --offline         prepare the production packages from the npm cache only
  --root DIR        install into DIR instead of / (image builders, tests); implies --no-systemd
EOF
}

SRC=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
ROOT=/ NODE_ARG='' INSTALL_NODE=0 NET_RAW=1 LAN_ONLY=0 LISTEN='' SYSTEMD=1 START=0 BUILD=1 OFFLINE=0
while [ $# -gt 0 ]; do
  case $1 in
    --node) NODE_ARG=${2:?--node needs a path}; shift ;;
    --install-node) INSTALL_NODE=1 ;;
    --no-net-raw) NET_RAW=0 ;;
    --lan-only) LAN_ONLY=1 ;;
    --listen) LISTEN=${2:?--listen needs HOST:PORT}; shift ;;
    --no-systemd) SYSTEMD=0 ;;
    --start) START=1 ;;
    --no-build) BUILD=0 ;;
    --offline) OFFLINE=1 ;;
    --root) ROOT=$(readlink -f "${2:?--root needs a directory}"); SYSTEMD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\033[1mmamori:\033[0m %s\n' "$*"; }
die() { printf 'mamori: %s\n' "$*" >&2; exit 1; }
R() { printf '%s%s' "${ROOT%/}" "$1"; }   # a path inside the target root

[ "$(id -u)" = 0 ] || die "run as root (sudo): it creates the mamori user and writes /opt, /etc and /var/lib | root で実行してください (sudo)"
# shellcheck disable=SC2015
[ -f "$SRC/package.json" ] && grep -q '"name": "mamori"' "$SRC/package.json" || die "$SRC is not a Mamori source tree"
[ -d "$ROOT" ] || die "--root $ROOT does not exist"
if [[ -n $LISTEN && ! $LISTEN =~ ^([0-9A-Za-z.:_-]+|\[[0-9a-fA-F:]+\]):([0-9]{1,5})$ ]]; then die "--listen wants HOST:PORT, e.g. 127.0.0.1:8380"; fi
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)
case $ARCH in
  amd64|arm64|x86_64|aarch64) ;;
  *) say "warning: $ARCH is not tested (amd64 and arm64 are); continuing" ;;
esac

# ---- Node.js 24 LTS (≥ 24.11; Node.js 20 reached end of life on 2026-04-30) ----------------------
node_ok() { [ -x "$1" ] && "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 24 || (a === 24 && b >= 11) ? 0 : 1)' 2>/dev/null; }
PRIVATE_NODE=/opt/mamori/node   # where a given node is copied (kept across upgrades)
NODE='' NPM=''
if [ -n "$NODE_ARG" ]; then
  stage_node=$(mktemp -d)
  if [ -d "$NODE_ARG" ]; then cp -a "$NODE_ARG/." "$stage_node/"; else mkdir -p "$stage_node/bin" && cp "$NODE_ARG" "$stage_node/bin/node"; fi
  node_ok "$stage_node/bin/node" || { rm -rf "$stage_node"; die "--node $NODE_ARG is not Node.js >= 24.11"; }
  chown -hR 0:0 "$stage_node" && chmod -R u=rwX,go=rX "$stage_node"
  mkdir -p "$(R /opt/mamori)"
  rm -rf "$(R $PRIVATE_NODE)" && mv "$stage_node" "$(R $PRIVATE_NODE)"
  NODE=$PRIVATE_NODE/bin/node
elif node_ok "$(R $PRIVATE_NODE/bin/node)"; then
  NODE=$PRIVATE_NODE/bin/node
elif node_ok "$(command -v node || true)"; then
  NODE=$(readlink -f "$(command -v node)")
  [ "$ROOT" = / ] || [ -x "$(R "$NODE")" ] || die "node at $NODE is not inside --root $ROOT: pass --node"
elif [ "$INSTALL_NODE" = 1 ] && [ "$ROOT" = / ]; then
  say "installing Node.js 24 LTS from NodeSource (deb.nodesource.com)"
  apt-get update -q && apt-get install -y -q ca-certificates curl gnupg
  install -d -m 0755 /usr/share/keyrings
  curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key | gpg --dearmor --yes -o /usr/share/keyrings/nodesource.gpg
  echo "deb [signed-by=/usr/share/keyrings/nodesource.gpg] https://deb.nodesource.com/node_24.x nodistro main" >/etc/apt/sources.list.d/nodesource.list
  apt-get update -q && apt-get install -y -q nodejs
  NODE=$(readlink -f "$(command -v node)")
  node_ok "$NODE" || die "NodeSource's nodejs is not >= 24.11"
else
  die "Mamori needs Node.js 24 LTS (>= 24.11; Debian 12's nodejs package is 18). Either:
  - sudo deploy/install.sh --install-node   (adds NodeSource's apt repository, installs Node.js 24), or
  - download the official tarball for $(uname -m) from https://nodejs.org/en/download, unpack it, and
    sudo deploy/install.sh --node /path/to/node-v24.x-linux-<arch>
Node.js 24 LTS（24.11 以上）が必要です（Debian 12 の nodejs は 18）。--install-node か --node で指定してください。"
fi
NPM_DIR=$(dirname "$(R "$NODE")")
if [ -x "$NPM_DIR/npm" ]; then NPM="$NPM_DIR/npm"; else NPM=$(command -v npm || true); fi
say "Node.js $("$(R "$NODE")" -v) at $NODE"

# ---- Runtime dependency: a Japanese font for the handover report's PDF (backend/src/report/fonts.ts)
FONT_PACKAGE=fonts-noto-cjk
if [ ! -f "$(R /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc)" ] && [ ! -f "$(R /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf)" ]; then
  if [ "$ROOT" = / ] && command -v apt-get >/dev/null; then
    say "installing $FONT_PACKAGE (Japanese font for the PDF report)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$FONT_PACKAGE" \
      || say "warning: $FONT_PACKAGE could not be installed; the PDF report needs it (apt-get install $FONT_PACKAGE)"
  else
    say "warning: no Japanese font in $ROOT: the PDF report needs the Debian package $FONT_PACKAGE"
  fi
fi

# ---- Build (in the source tree) and stage the release -------------------------------------------
run_npm() { PATH="$(dirname "$(R "$NODE")"):$PATH" "$NPM" --no-audit --no-fund --loglevel=error "$@"; }
stale=$(find "$SRC/backend/src" "$SRC/frontend/src" "$SRC/frontend/index.html" -newer "$SRC/backend/dist/main.js" -print -quit 2>/dev/null || echo missing)
[ -f "$SRC/frontend/dist/index.html" ] && [ -f "$SRC/backend/dist/main.js" ] || stale=missing
if [ "$BUILD" = 0 ]; then
  [ "$stale" != missing ] || die "--no-build: backend/dist or frontend/dist is missing; run npm run build"
  [ -z "$stale" ] || say "warning: the build is older than the sources ($stale); installing it anyway (--no-build)"
elif [ -n "$stale" ]; then
  [ -n "$NPM" ] || die "npm is needed to build: it comes with NodeSource's nodejs and the official tarball"
  say "building (npm ci && npm run build) in $SRC"
  build_log=$(mktemp)
  (cd "$SRC" && { [ -d node_modules ] || run_npm ci; } && run_npm run build) >"$build_log" 2>&1 \
    || { tail -40 "$build_log" >&2; rm -f "$build_log"; die "the build failed (above); fix it or install a build made elsewhere with --no-build"; }
  rm -f "$build_log"
fi
mkdir -p "$(R /opt)"
STAGE=$(mktemp -d "$(R /opt)/.mamori-stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/backend" "$STAGE/frontend" "$STAGE/oui-data" "$STAGE/bin" "$STAGE/deploy"
cp -a "$SRC/backend/dist" "$STAGE/backend/"
[ -d "$SRC/backend/schema" ] && cp -a "$SRC/backend/schema" "$STAGE/backend/"
cp -a "$SRC/frontend/dist" "$STAGE/frontend/"
cp "$SRC/oui-data/oui-table.txt" "$SRC/oui-data/source.json" "$SRC/oui-data/README.md" "$STAGE/oui-data/"
cp "$SRC/package.json" "$SRC/package-lock.json" "$SRC/README.md" "$STAGE/"
cp -a "$SRC/deploy/README.md" "$SRC/deploy/systemd" "$SRC/deploy/uninstall.sh" "$SRC/deploy/mamori.env" "$SRC/deploy/healthcheck.mjs" "$STAGE/deploy/"
install -m 0755 "$SRC/deploy/mamori-run.sh" "$STAGE/bin/mamori-run"
# Relative when private, so the tree works wherever it is mounted (--root, a chroot, an image).
if [ "$NODE" = "$PRIVATE_NODE/bin/node" ]; then ln -s ../node/bin/node "$STAGE/bin/node"; else ln -s "$NODE" "$STAGE/bin/node"; fi
[ "$NET_RAW" = 1 ] || touch "$STAGE/.no-net-raw"
if [ -d "$(R /opt/mamori/node_modules)" ] && cmp -s "$SRC/package-lock.json" "$(R /opt/mamori/package-lock.json)"; then
  say "production packages unchanged (same package-lock.json): reusing them"
  cp -a "$(R /opt/mamori/node_modules)" "$STAGE/"
else
  [ -n "$NPM" ] || die "npm is needed to install the production packages"
  say "installing production packages (npm ci --omit=dev --ignore-scripts)"
  npm_flags=(ci --omit=dev --ignore-scripts --prefer-offline)
  [ "$OFFLINE" = 1 ] && npm_flags=(ci --omit=dev --ignore-scripts --offline)
  (cd "$STAGE" && run_npm "${npm_flags[@]}")
fi
# Owned by root, read-only to everyone else: the mamori user runs this code but cannot change it.
chown -hR 0:0 "$STAGE" && chmod -R u=rwX,go=rX "$STAGE"

# ---- Swap it into place (keeping the private node) ----------------------------------------------
[ -d "$(R $PRIVATE_NODE)" ] && mv "$(R $PRIVATE_NODE)" "$STAGE/node"
if [ -d "$(R /opt/mamori)" ]; then rm -rf "$(R /opt/mamori.old)" && mv "$(R /opt/mamori)" "$(R /opt/mamori.old)"; fi
mv "$STAGE" "$(R /opt/mamori)" && chmod 0755 "$(R /opt/mamori)"
rm -rf "$(R /opt/mamori.old)"
trap - EXIT

# ---- User, data, settings ------------------------------------------------------------------------
if ! grep -q '^mamori:' "$(R /etc/passwd)"; then
  useradd --root "$ROOT" --system --user-group --home-dir /var/lib/mamori --no-create-home \
    --shell /usr/sbin/nologin --comment 'Mamori appliance' mamori 2> >(grep -v 'missing or non-executable shell' >&2)
fi
UID_GID=$(awk -F: '$1 == "mamori" { print $3 ":" $4 }' "$(R /etc/passwd)")
install -d -m 0700 -o "${UID_GID%:*}" -g "${UID_GID#*:}" "$(R /var/lib/mamori)"
install -d -m 0755 "$(R /etc/mamori)"
ENV_FILE=$(R /etc/mamori/mamori.env)
[ -f "$ENV_FILE" ] || install -m 0600 "$SRC/deploy/mamori.env" "$ENV_FILE"
set_env() { if grep -q "^$1=" "$ENV_FILE"; then sed -i "s|^$1=.*|$1=$2|" "$ENV_FILE"; else echo "$1=$2" >>"$ENV_FILE"; fi; }
if [ -n "$LISTEN" ]; then host=${LISTEN%:*}; set_env MAMORI_HOST "${host//[\[\]]/}"; set_env MAMORI_PORT "${LISTEN##*:}"; fi
getenv() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -1; }
PORT=$(getenv MAMORI_PORT); PORT=${PORT:-8380}
HOST=$(getenv MAMORI_HOST); case ${HOST:-0.0.0.0} in 0.0.0.0|::) HOST=127.0.0.1 ;; esac

# ---- Service ---------------------------------------------------------------------------------------
UNIT_DIR=$(R /etc/systemd/system)
install -d -m 0755 "$UNIT_DIR"
install -m 0644 "$SRC/deploy/systemd/mamori.service" "$UNIT_DIR/mamori.service"
if [ "$NET_RAW" = 1 ]; then rm -f "$UNIT_DIR/mamori.service.d/no-net-raw.conf"
else install -d -m 0755 "$UNIT_DIR/mamori.service.d" && install -m 0644 "$SRC/deploy/systemd/no-net-raw.conf" "$UNIT_DIR/mamori.service.d/"; fi
if [ "$LAN_ONLY" = 0 ]; then rm -f "$UNIT_DIR/mamori.service.d/lan-only.conf"
else install -d -m 0755 "$UNIT_DIR/mamori.service.d" && install -m 0644 "$SRC/deploy/systemd/lan-only.conf" "$UNIT_DIR/mamori.service.d/"; fi

health() { # bounded: 30 tries, 1 s apart
  for _ in $(seq 30); do
    "$(R "$NODE")" "$(R /opt/mamori/deploy/healthcheck.mjs)" "$HOST" "$PORT" && return 0
    sleep 1
  done
  return 1
}
setup_link() { grep -o 'http[^ ]*?setup=[A-Za-z0-9_-]*' | tail -1; }
finish() { # $1: log text
  local link; link=$(printf '%s\n' "$1" | setup_link)
  if [ -n "$link" ]; then
    say "open this link once to set the owner password / 初回設定のリンク（一度だけ使えます）:"
    printf '\n    %s\n\n' "$link"
  else
    say "already set up: open http://<this machine>:$PORT / 設定済み: http://<この機器>:$PORT を開いてください"
  fi
  say "never forward port $PORT on your router / ルーターでこのポートを転送しないでください"
}

if [ "$SYSTEMD" = 1 ] && [ -d /run/systemd/system ]; then
  since=$(date '+%Y-%m-%d %H:%M:%S')
  systemctl daemon-reload
  systemctl enable mamori.service >/dev/null
  systemctl restart mamori.service
  health || { journalctl -u mamori -n 30 --no-pager >&2; die "the service did not answer /api/health on $HOST:$PORT"; }
  say "running: systemctl status mamori, logs: journalctl -u mamori"
  finish "$(journalctl -u mamori --since "$since" --no-pager -o cat)"
elif [ "$START" = 1 ] && [ "$ROOT" = / ]; then
  install -d -m 0755 /var/log/mamori
  old=$(cat /run/mamori.pid 2>/dev/null || true)   # stop the previous one, if that PID is still Mamori
  if [ -n "$old" ] && tr '\0' ' ' 2>/dev/null <"/proc/$old/cmdline" | grep -q '/opt/mamori/backend/dist/main.js'; then
    kill "$old"; for _ in $(seq 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
  fi
  setsid /opt/mamori/bin/mamori-run </dev/null >>/var/log/mamori/mamori.log 2>&1 &
  echo $! >/run/mamori.pid
  health || { tail -30 /var/log/mamori/mamori.log >&2; die "Mamori did not answer /api/health on $HOST:$PORT"; }
  say "running as PID $(cat /run/mamori.pid) (stop: kill \$(cat /run/mamori.pid)); log /var/log/mamori/mamori.log"
  finish "$(cat /var/log/mamori/mamori.log)"
else
  say "installed in ${ROOT%/}/opt/mamori; systemd is not running here, so nothing was started."
  say "start it (as root) with: /opt/mamori/bin/mamori-run   — or, with systemd: systemctl enable --now mamori"
fi
