#!/bin/bash
# Installs the Debian packages the tests and the demo need, if any is missing. Daemons are kept
# from starting on the host while installing (policy-rc.d), and every host service of a package
# installed here is then disabled and masked (test/lab/host-units.sh): they only ever run inside
# the lab, never on the machine's real network, not even after a reboot.
set -euo pipefail
# The lab's daemons (one list, kept by the lab) plus what the browser tests need.
mapfile -t PACKAGES < <(bash "$(dirname "${BASH_SOURCE[0]}")/../test/lab/lab.sh" packages)
PACKAGES+=(chromium fonts-noto-cjk)
# Deploy tests: systemd-analyze verifies the unit; PyYAML parses the compose file.
PACKAGES+=(systemd python3-yaml)
# Report tests: pdftoppm renders the handover report's pages, pdftotext reads its text layer.
PACKAGES+=(poppler-utils)
# VNC, ADB, SMB and RDP loopback tests: two real VNC servers (TigerVNC, x11vnc on Xvfb), the
# Android platform-tools adb client (validates the test adbd), impacket's SMB server beside Samba,
# smbclient to compare share listings (tests only; the product never runs it), FreeRDP's server.
PACKAGES+=(tigervnc-standalone-server tigervnc-tools x11vnc xvfb adb python3-impacket smbclient freerdp2-shadow-x11)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
made_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  made_policy=1
fi
HOST_UNITS="$(dirname "${BASH_SOURCE[0]}")/../test/lab/host-units.sh"
before=$(mktemp)
bash "$HOST_UNITS" snapshot "$before"
rc=0
{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } || rc=$?
# Masked before policy-rc.d goes: from here on nothing of the lab starts on the host.
bash "$HOST_UNITS" mask-new "$before" "${PACKAGES[@]}" || rc=$?
rm -f "$before"
[ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
exit $rc
