#!/bin/bash
# Installs the Debian packages the tests and the demo need, if any is missing. Daemons are kept
# from starting on the host while installing (policy-rc.d): they only ever run inside the lab.
set -euo pipefail
PACKAGES=(
  # the lab's real daemons and tools
  iproute2 util-linux procps psmisc hostname nftables openssl
  lighttpd lighttpd-mod-openssl busybox-static mosquitto vsftpd snmpd snmp openssh-server
  avahi-daemon avahi-utils python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  # browser tests
  chromium fonts-noto-cjk
)
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
rc=0
{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } || rc=$?
[ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
exit $rc
