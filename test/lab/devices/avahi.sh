# shellcheck shell=bash
# Helpers to run one avahi-daemon per lab namespace. avahi uses fixed paths
# (/run/avahi-daemon for pid and socket, /etc/avahi/services), so each
# instance runs in its own mount namespace with private directories bound
# over those paths, without D-Bus, on eth0 only.

avahi_write_conf() { # SHORT FILE
  cat >"$2" <<CONF
[server]
host-name=$(host_name "$1")
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=eth0
enable-dbus=no
[wide-area]
enable-wide-area=no
[publish]
publish-addresses=yes
publish-hinfo=no
publish-aaaa-on-ipv4=no
publish-workstation=no
publish-domain=yes
[reflector]
enable-reflector=no
CONF
}

avahi_service() { # FILE NAME TYPE PORT [TXT]...
  local f=$1 name=$2 type=$3 port=$4 t
  shift 4
  {
    printf '<?xml version="1.0" standalone="no"?>\n<!DOCTYPE service-group SYSTEM "avahi-service.dtd">\n'
    printf '<service-group>\n  <name>%s</name>\n  <service>\n' "$name"
    printf '    <type>%s</type>\n    <port>%s</port>\n' "$type" "$port"
    for t in "$@"; do printf '    <txt-record>%s</txt-record>\n' "$t"; done
    printf '  </service>\n</service-group>\n'
  } >"$f"
}

avahi_spawn() { # NAME SHORT DIR (DIR holds avahi-daemon.conf, avahi-run/, avahi-services/)
  local d=$3
  ensure_host_dir /run/avahi-daemon
  chown avahi:avahi "$d/avahi-run"
  lab_spawn "$1" "$2" --bind "$d/avahi-run" /run/avahi-daemon \
    --bind "$d/avahi-services" /etc/avahi/services \
    -- /usr/sbin/avahi-daemon -f "$d/avahi-daemon.conf" --no-chroot --no-rlimits --no-proc-title
}

# avahi_ready NAME DIR: the daemon started and published every service file.
avahi_ready() {
  local log=$LAB_STATE/logs/$1.log want
  want=$(find "$2/avahi-services" -name '*.service' | wc -l)
  grep -q 'Server startup complete' "$log" 2>/dev/null &&
    [ "$(grep -c 'successfully established' "$log")" -ge "$want" ]
}
