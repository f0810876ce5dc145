#!/bin/bash
# Acceptance run of deploy/install.sh in a clean Debian 12 root made with debootstrap, by hand:
#
#   sudo bash deploy/test/install-in-chroot.sh [--boot [--lab NAME]] [--keep] [--mirror URL]
#
# Not part of `npm test`: it downloads Debian (about 30 s on a fast mirror). The suite runs the
# smaller equivalent (test/unit/deploy/install.test.ts). Steps, each checked:
#   1. debootstrap --variant=minbase bookworm (nothing but Debian's essentials; no node, no npm)
#   2. Debian's own nodejs (18) is refused with the clear message, then removed again
#   3. install.sh --node <official-tarball layout> --start --listen 127.0.0.1:PORT inside the chroot
#      → the mamori user, /opt/mamori, /var/lib/mamori, /etc/mamori/mamori.env; the service answers
#      /api/health on 127.0.0.1 and install.sh prints the one-time set-up link
#   4. it runs as mamori (not root) holding only CAP_NET_RAW; its data directory is written
#   5. install.sh again (idempotent), uninstall.sh keeps data, uninstall.sh --purge removes it
#   6. with --boot: the unit itself under real systemd — systemd, dbus and systemd-nspawn are added
#      to the root, it is booted with the root's own nspawn (run through the root's loader, so the
#      host's systemd version does not matter); the hardened service must start, hold exactly
#      CAP_NET_RAW under its seccomp filter, answer /api/health and print the link to the journal.
#      With --lab NAME (a lab brought up with LAB_NAME=NAME) the container shares the lab's scanner
#      namespace and scans the lab through the API; otherwise it gets a private network (loopback).
# The appliance listens on 127.0.0.1 only and starts no scan. Everything is undone at the end
# unless --keep (the root is then left in place for inspection).
set -euo pipefail

SRC=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
MIRROR=http://deb.debian.org/debian KEEP=0 BOOT=0 LAB=''
while [ $# -gt 0 ]; do
  case $1 in
    --keep) KEEP=1 ;;
    --boot) BOOT=1 ;;
    --lab) LAB=${2:?}; shift ;;
    --mirror) MIRROR=${2:?}; shift ;;
    *) echo "usage: sudo bash deploy/test/install-in-chroot.sh [--boot [--lab NAME]] [--keep] [--mirror URL]" >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "needs debootstrap: apt-get install debootstrap" >&2; exit 1; }
if [ ! -f "$SRC/backend/dist/main.js" ] || [ ! -f "$SRC/frontend/dist/index.html" ]; then echo "build first: npm run build" >&2; exit 1; fi

ROOT=$(mktemp -d /tmp/mamori-chroot.XXXXXX)
chmod 0755 "$ROOT"
PASS=0 FAIL=0 APP_PID='' BOOT_PID=''
ok() { PASS=$((PASS + 1)); printf '  ok   %s\n' "$*"; }
bad() { FAIL=$((FAIL + 1)); printf '  FAIL %s\n' "$*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
mounts=()
cleanup() {
  if [ -n "$BOOT_PID" ] && kill -0 "$BOOT_PID" 2>/dev/null; then
    kill -TERM "$BOOT_PID"; for _ in $(seq 30); do kill -0 "$BOOT_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$BOOT_PID" 2>/dev/null || true
  fi
  if [ -n "$APP_PID" ] && tr '\0' ' ' 2>/dev/null <"/proc/$APP_PID/cmdline" | grep -q /opt/mamori/backend/dist/main.js; then kill "$APP_PID"; fi
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  if [ "$KEEP" = 1 ]; then echo "root kept in $ROOT"
  elif findmnt -rn -o TARGET | grep -q "^$ROOT/"; then echo "something is still mounted under $ROOT: not removing it" >&2
  else rm -rf --one-file-system "$ROOT" "$ROOT.debootstrap.log" "$ROOT.apt.log" "$ROOT.boot.log"; fi
}
trap cleanup EXIT
bind() { mkdir -p "$ROOT$2"; mount --bind "$1" "$ROOT$2"; mounts+=("$ROOT$2"); [ "${3:-}" = ro ] && mount -o remount,bind,ro "$ROOT$2"; return 0; }

echo "0. npm cache: the production packages, fetched here with this machine's npm settings"
warm=$(mktemp -d)
cp "$SRC/package.json" "$SRC/package-lock.json" "$warm/"
(cd "$warm" && npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error) || { rm -rf "$warm"; exit 1; }
rm -rf "$warm"

echo "1. debootstrap --variant=minbase bookworm $MIRROR"
t0=$(date +%s)
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 || { tail "$ROOT.debootstrap.log"; exit 1; }
echo "   $(($(date +%s) - t0)) s, $(du -sh --exclude=proc "$ROOT" | cut -f1)"
mount -t proc proc "$ROOT/proc"; mounts+=("$ROOT/proc")
bind /dev /dev
bind "$SRC" /src ro
bind "$HOME/.npm" /root/.npm   # npm's cache: install.sh --offline takes the packages from it, no network
check "the clean root has no node and no npm" bash -c "! chroot '$ROOT' sh -c 'command -v node || command -v npm' >/dev/null"

echo "2. Debian's nodejs is refused"
in_root apt-get install -y -q --no-install-recommends nodejs >"$ROOT.apt.log" 2>&1 || { tail "$ROOT.apt.log"; exit 1; }
out=$(in_root bash /src/deploy/install.sh --no-build 2>&1 || true)
check "install.sh refuses node $(in_root node -v) with the way out" grep -q 'needs Node.js 24 LTS (>= 24.11; Debian 12.s nodejs package is 18)' <<<"$out"
check "and names --install-node and --node" grep -q -- '--install-node' <<<"$out"
in_root apt-get purge -y -q nodejs >>"$ROOT.apt.log" 2>&1 && in_root apt-get autoremove -y -q >>"$ROOT.apt.log" 2>&1

echo "3. install.sh --node (official tarball layout) --offline --start"
dist=$ROOT/tmp/node-dist && mkdir -p "$dist/bin" "$dist/lib/node_modules"
cp "$(readlink -f "$(command -v node)")" "$dist/bin/node"
cp -a "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$dist/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$dist/bin/npm"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
t0=$(date +%s)
rc=0; out=$(in_root bash /src/deploy/install.sh --node /tmp/node-dist --no-build --offline --start --listen "127.0.0.1:$PORT" 2>&1) || rc=$?
printf '   | %s\n' "${out//$'\n'/$'\n'   | }"
[ "$rc" = 0 ] || { bad "install.sh exited $rc"; exit 1; }
echo "   $(($(date +%s) - t0)) s"
APP_PID=$(cat "$ROOT/run/mamori.pid")
check "install.sh printed the one-time set-up link" grep -Eq "http://127\.0\.0\.1:$PORT/\?setup=[A-Za-z0-9_-]{20,}" <<<"$out"
check "the service answers /api/health on 127.0.0.1:$PORT" in_root /opt/mamori/bin/node /opt/mamori/deploy/healthcheck.mjs 127.0.0.1 "$PORT"
check "and only on 127.0.0.1" bash -c "ss -Hltn 'sport = :$PORT' | awk '{print \$4}' | grep -qx '127.0.0.1:$PORT'"

echo "4. least privilege"
mamori_uid=$(awk -F: '$1 == "mamori" { print $3 }' "$ROOT/etc/passwd")
check "the mamori system user exists (uid $mamori_uid)" test -n "$mamori_uid" -a "${mamori_uid:-0}" -lt 1000 -a "${mamori_uid:-0}" -gt 0
status=$(cat "/proc/$APP_PID/status")
check "the process runs as mamori" grep -Eq "^Uid:\s+$mamori_uid\s+$mamori_uid" <<<"$status"
check "holding exactly CAP_NET_RAW" grep -Eq '^CapEff:\s+0000000000002000$' <<<"$status"
check "with no new privileges" grep -Eq '^NoNewPrivs:\s+1$' <<<"$status"
check "it logged its privileges" grep -q "privileges: uid $mamori_uid, not root; effective capabilities: CAP_NET_RAW" "$ROOT/var/log/mamori/mamori.log"
check "the data directory is 0700" test "$(stat -c %a "$ROOT/var/lib/mamori")" = 700
check "the settings file is root's, 0600" test "$(stat -c %U:%a "$ROOT/etc/mamori/mamori.env")" = root:600

echo "5. again, then uninstall"
rc=0; out=$(in_root bash /src/deploy/install.sh --no-build --offline --start 2>&1) || rc=$?
[ "$rc" = 0 ] || { echo "$out"; bad "second install.sh exited $rc"; }
APP_PID=$(cat "$ROOT/run/mamori.pid")
check "a second run keeps the port and answers again" in_root /opt/mamori/bin/node /opt/mamori/deploy/healthcheck.mjs 127.0.0.1 "$PORT"
check "one mamori user" test "$(grep -c '^mamori:' "$ROOT/etc/passwd")" = 1
check "the first run, stopped by the second, wrote its data as mamori" test "$(stat -c %u "$ROOT/var/lib/mamori/state.json")" = "$mamori_uid"
in_root bash /opt/mamori/deploy/uninstall.sh >/dev/null
check "uninstall stopped it" bash -c "! kill -0 $APP_PID 2>/dev/null"
check "uninstall removed /opt/mamori, kept the data" test ! -e "$ROOT/opt/mamori" -a -f "$ROOT/var/lib/mamori/state.json"
in_root bash /src/deploy/uninstall.sh --purge >/dev/null
check "--purge removed data, settings and user" bash -c "test ! -e '$ROOT/var/lib/mamori' -a ! -e '$ROOT/etc/mamori' && ! grep -q '^mamori:' '$ROOT/etc/passwd'"

# shellcheck source-path=SCRIPTDIR source=boot-in-nspawn.sh
[ "$BOOT" = 1 ] && source "$(dirname "${BASH_SOURCE[0]}")/boot-in-nspawn.sh"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
