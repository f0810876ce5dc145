#!/bin/bash
# Removes Mamori: the service, /opt/mamori and the unit. Keeps the data (/var/lib/mamori), the
# settings (/etc/mamori) and the mamori user unless --purge is given.
set -euo pipefail

ROOT=/ PURGE=0
while [ $# -gt 0 ]; do
  case $1 in
    --purge) PURGE=1 ;;
    --root) ROOT=$(readlink -f "${2:?--root needs a directory}"); shift ;;
    -h|--help) echo "usage: sudo deploy/uninstall.sh [--purge] [--root DIR]"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
say() { printf '\033[1mmamori:\033[0m %s\n' "$*"; }
R() { printf '%s%s' "${ROOT%/}" "$1"; }
[ "$(id -u)" = 0 ] || { echo "mamori: run as root (sudo) / root で実行してください" >&2; exit 1; }

if [ "$ROOT" = / ] && [ -d /run/systemd/system ] && systemctl list-unit-files mamori.service >/dev/null 2>&1; then
  systemctl disable --now mamori.service 2>/dev/null || true
fi
if [ "$ROOT" = / ] && [ -f /run/mamori.pid ]; then   # started by install.sh --start
  pid=$(cat /run/mamori.pid)
  if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q '/opt/mamori/backend/dist/main.js'; then
    kill "$pid"; for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f /run/mamori.pid
fi
rm -f "$(R /etc/systemd/system/mamori.service)"
rm -rf "$(R /etc/systemd/system/mamori.service.d)"
[ "$ROOT" = / ] && [ -d /run/systemd/system ] && systemctl daemon-reload
rm -rf "$(R /opt/mamori)" "$(R /opt/mamori.old)"
say "removed /opt/mamori and the service"

if [ "$PURGE" = 1 ]; then
  rm -rf "$(R /var/lib/mamori)" "$(R /etc/mamori)" "$(R /var/log/mamori)"
  if grep -q '^mamori:' "$(R /etc/passwd)"; then userdel --root "$ROOT" mamori 2>/dev/null || true; fi
  say "purged: data, settings and the mamori user are gone / データ・設定・ユーザーを削除しました"
else
  say "kept: data in /var/lib/mamori (backups included), settings in /etc/mamori, the mamori user."
  say "データと設定は残しました。すべて消すには: sudo deploy/uninstall.sh --purge"
fi
