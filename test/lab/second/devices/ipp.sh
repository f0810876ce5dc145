# shellcheck shell=bash
# prn3 (Brother OUI): an IPP Everywhere printer, played by CUPS's ippeveprinter (cups-ipp-utils) on
# 631, announced by mDNS (_ipp._tcp). ippeveprinter only starts with a DNS-SD stack, so the
# namespace runs its own: a private D-Bus system bus (socket in the state directory, not the
# host's) and an avahi-daemon on it (private /run/avahi-daemon and /etc/avahi/services). No
# weakness is planted: the printer must be found and typed, and nothing raised.
L2_PRN3_TCP="631"

prn3_up() {
  local d=$LAB_STATE/prn3 bus
  mkdir -p "$d/avahi-run" "$d/avahi-services" "$d/spool"
  bus=unix:path=$d/bus
  cat >"$d/dbus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>$bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
  cat >"$d/avahi-daemon.conf" <<CONF
[server]
host-name=$(host_name prn3)
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=eth0
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
CONF
  lab_spawn prn3-dbus prn3 -- /usr/bin/dbus-daemon --config-file="$d/dbus.conf" --nofork --nopidfile
  wait_until 10 test -S "$d/bus" || { log "prn3: no D-Bus socket"; return 1; }
  ensure_host_dir /run/avahi-daemon
  chown avahi:avahi "$d/avahi-run"
  DBUS_SYSTEM_BUS_ADDRESS=$bus lab_spawn prn3-avahi prn3 --bind "$d/avahi-run" /run/avahi-daemon \
    --bind "$d/avahi-services" /etc/avahi/services \
    -- /usr/sbin/avahi-daemon -f "$d/avahi-daemon.conf" --no-chroot --no-rlimits --no-proc-title
  wait_until 10 grep -q 'Server startup complete' "$LAB_STATE/logs/prn3-avahi.log" || { log "prn3: avahi did not start"; return 1; }
  DBUS_SYSTEM_BUS_ADDRESS=$bus lab_spawn prn3-ipp prn3 -- /usr/sbin/ippeveprinter -p 631 -M Brother -m "HL-L2350DW series" \
    -l "Home office" -d "$d/spool" "Brother HL-L2350DW series"
}
