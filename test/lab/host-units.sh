#!/bin/bash
# Keeps the lab's daemons off the host. The lab starts its own copies of vsftpd, snmpd, mosquitto,
# sshd, Samba, lighttpd, miniupnpd… by their binaries inside its network namespaces; the Debian
# packages that bring those binaries also enable a host service each, which after a reboot would
# answer on the real LAN with factory settings. Every unit of a package the quick start installs is
# disabled and masked (a link to /dev/null in /etc/systemd/system, what `systemctl mask` makes; SysV
# scripts are disabled too). Packages that were on the machine before are left alone (a Pi's own
# sshd or avahi), but named if one of their units is enabled.
#
#   host-units.sh snapshot FILE          record the installed packages (before apt-get install)
#   host-units.sh mask-new FILE          mask every unit of each package installed since FILE
#   host-units.sh units PKG...           the units PKG ships (systemd units; SysV scripts as NAME.service)
#   host-units.sh mask UNIT...           mask UNIT (HOST_ROOT=DIR: inside another root, e.g. a test's)
#   host-units.sh check PKG...           exit 1 naming every unit of PKG that is not masked
set -euo pipefail
ROOT=${HOST_ROOT:-/}
ROOT=${ROOT%/}
MASKED_LIST=${MAMORI_MASKED_LIST:-$ROOT/var/lib/mamori-lab/masked-units}
# Packages whose units a host needs to run at all: never masked, even when apt pulled them in.
KEEP='^(systemd|systemd-.*|dbus|dbus-.*|udev|util-linux|nftables|iptables|procps|iproute2|cron|rsyslog|polkitd|policykit-1|ifupdown|netbase|openssl|ca-certificates)$'

installed() { dpkg-query -W -f='${db:Status-Status} ${Package}\n' 2>/dev/null | awk '$1 == "installed" { print $2 }' | sort -u; }

units_of() {
  local pkg=$1
  dpkg -L "$pkg" 2>/dev/null | sed -nE \
    -e 's#^/(usr/)?lib/systemd/system/([^/]+\.(service|socket|timer|path))$#\2#p' \
    -e 's#^/etc/init\.d/([^/]+)$#\1.service#p' | sort -u
}

mask_one() {
  local unit=$1 dir="$ROOT/etc/systemd/system"
  mkdir -p "$dir"
  # disable: the links that pull it in at boot, then mask: a unit linked to /dev/null cannot start.
  find "$dir" -mindepth 2 -maxdepth 2 -path '*.wants/*' -name "$unit" -delete 2>/dev/null || true
  find "$dir" -mindepth 2 -maxdepth 2 -path '*.requires/*' -name "$unit" -delete 2>/dev/null || true
  ln -sfn /dev/null "$dir/$unit"
  local name=${unit%.service}
  if [ -z "$ROOT" ] && [ "$name" != "$unit" ] && [ -x "/etc/init.d/$name" ] && command -v update-rc.d >/dev/null; then
    update-rc.d "$name" disable >/dev/null 2>&1 || true
  fi
  mkdir -p "$(dirname "$MASKED_LIST")"
  grep -qxF "$unit" "$MASKED_LIST" 2>/dev/null || echo "$unit" >>"$MASKED_LIST"
}

is_masked() { [ "$(readlink "$ROOT/etc/systemd/system/$1" 2>/dev/null)" = /dev/null ]; }

enabled_links() { find "$ROOT/etc/systemd/system" -mindepth 2 -maxdepth 2 -name "$1" 2>/dev/null | grep -q .; }

cmd_mask_new() {
  local before=$1 pkg unit masked=() kept=()
  [ -f "$before" ] || { echo "host-units: no snapshot $before" >&2; exit 2; }
  while read -r pkg; do
    [[ $pkg =~ $KEEP ]] && continue
    for unit in $(units_of "$pkg"); do mask_one "$unit"; masked+=("$unit"); done
  done < <(comm -13 "$before" <(installed))
  if [ ${#masked[@]} -gt 0 ]; then
    echo "host services of the lab's packages disabled and masked (the lab runs its own copies): ${masked[*]}"
    [ -d /run/systemd/system ] && [ -z "$ROOT" ] && systemctl daemon-reload 2>/dev/null || true
  fi
  # Installed before this run: left as they are, but named when enabled.
  for pkg in "${@:2}"; do
    for unit in $(units_of "$pkg"); do
      if ! is_masked "$unit" && enabled_links "$unit"; then kept+=("$unit"); fi
    done
  done
  if [ ${#kept[@]} -gt 0 ]; then
    echo "note: these host services were installed before and are enabled; the lab does not need them: ${kept[*]}"
    echo "      (to switch one off: systemctl disable --now NAME && systemctl mask NAME)"
  fi
}

cmd_check() {
  local pkg unit open=()
  for pkg in "$@"; do
    [[ $pkg =~ $KEEP ]] && continue
    for unit in $(units_of "$pkg"); do is_masked "$unit" || open+=("$pkg:$unit"); done
  done
  [ ${#open[@]} -eq 0 ] || { echo "not masked: ${open[*]}"; exit 1; }
}

case ${1:-} in
  snapshot) installed >"${2:?snapshot FILE}" ;;
  mask-new) shift; cmd_mask_new "${1:?mask-new FILE [PKG...]}" "${@:2}" ;;
  units) shift; for p in "$@"; do units_of "$p"; done ;;
  mask) shift; for u in "$@"; do mask_one "$u"; done ;;
  check) shift; cmd_check "$@" ;;
  *) sed -n '11,16p' "$0" >&2; exit 2 ;;
esac
