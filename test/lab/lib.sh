# shellcheck shell=bash
# Mamori lab: shared constants and helpers. Sourced by lab.sh.
#
# Safety design: every host lives in its own network namespace named mamori-*.
# veth pairs are created directly between two lab namespaces (never in the
# host namespace), no namespace gets a default route, and nothing is attached
# to a host interface. Every process we start is recorded by PID (plus its
# start time, so a recycled PID is never killed by mistake).

# LAB_NAME (optional, [a-z0-9]{1,8}) runs an independent copy of the lab beside the default one,
# e.g. LAB_NAME=b gives mamori-b-scan, mamori-b-cam… and /run/mamori-lab-b. The copies never
# share a link: each has its own bridge, so the same addresses can be reused.
LAB_NAME=${LAB_NAME:-}
[[ -z $LAB_NAME || $LAB_NAME =~ ^[a-z0-9]{1,8}$ ]] || { echo "LAB_NAME must match [a-z0-9]{1,8}" >&2; exit 2; }
LAB_STATE=/run/mamori-lab${LAB_NAME:+-$LAB_NAME}
LAB_PIDS=$LAB_STATE/pids
LAB_NS_PREFIX=mamori-${LAB_NAME:+$LAB_NAME-}
LAB_SW=${LAB_NS_PREFIX}sw
LAB_SCAN=${LAB_NS_PREFIX}scan
LAB_CIDR=24
LAB_MAX_TTL=86400

# short-name  ip          mac                hostname
LAB_HOSTS=(
  "scan     10.77.0.2   dc:a6:32:00:00:02  mamori-scanner"
  "cam      10.77.0.11  a4:14:37:77:00:11  cam-frontdoor"
  "hub      10.77.0.12  78:11:dc:77:00:12  mqtt-hub"
  "nas      10.77.0.13  00:11:32:77:00:13  diskstation"
  "speaker  10.77.0.14  f4:f5:d8:77:00:14  living-room-speaker"
  "secure   10.77.0.15  04:d9:f5:77:00:15  secure-hub"
  "plug     10.77.0.16  2c:f4:32:77:00:16  smart-plug"
  "quiet1   10.77.0.21  00:12:67:77:00:21  quiet-panasonic"
  "quiet2   10.77.0.22  6a:3f:9c:77:00:22  quiet-randomized"
  "quiet3   10.77.0.23  7c:bb:8a:77:00:23  quiet-nintendo"
  "dvr      10.77.0.31  e0:50:8b:77:00:31  dvr-garage"
  "router   10.77.0.32  2c:fd:a1:77:00:32  rt-ac68u"
  "hgw      10.77.0.1   10:66:82:77:00:01  aterm-hgw"
  "printer  10.77.0.41  3c:2a:f4:77:00:41  BRN3C2AF4770041"
  "appletv  10.77.0.42  f0:18:98:77:00:42  Living-Room-Apple-TV"
  "hue      10.77.0.43  00:17:88:77:00:43  philips-hue"
  "thermo   10.77.0.44  00:1b:c5:07:3a:44  tado-thermostat"
  "pc       10.77.0.46  18:74:e2:8a:00:46  kano-pc"
  "nvr      10.77.0.51  ec:71:db:77:00:51  nvr-driveway"
  "gateway  10.77.0.52  20:f8:3b:77:00:52  homeassistant"
  "hostile  10.77.0.66  70:89:76:77:00:66  hostile-dvr"
)

# Debian packages the lab needs (daemons plus the clients used by health checks).
LAB_PACKAGES=(iproute2 util-linux procps hostname lighttpd lighttpd-mod-openssl
  busybox-static vsftpd snmpd snmp mosquitto mosquitto-clients avahi-daemon
  avahi-utils openssh-server openssl nftables python3-gi gir1.2-gst-rtsp-server-1.0
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good minissdpd p910nd)
# FTP server for the credential checks' loopback tests (real daemon, virtual users, no root).
LAB_PACKAGES+=(python3-pyftpdlib)
# Second SNMP agent implementation (v1/v2c only) for the SNMP checks' loopback tests: pysnmp's agent engine.
LAB_PACKAGES+=(python3-pysnmp4)
# CoAP server (udp 5683) on the lab gateway, for the CoAP identification probe.
LAB_PACKAGES+=(libcoap3-bin)
# Discovery: raw ARP to re-confirm cached neighbours; a real NetBIOS responder (nmbd) on the PC.
LAB_PACKAGES+=(arp-scan samba)
# UPnP IGD with real port mappings: miniupnpd (nftables backend) on the gateway, upnpc on the DVR.
LAB_PACKAGES+=(miniupnpd-nftables miniupnpc)
# Second lab set (LAB_SET=second, test/lab/second/): Apache httpd (mod_auth_digest), dropbear, the
# pysnmp v1/v2c agent, x11vnc on Xvfb and TigerVNC, ippeveprinter (+ its own D-Bus bus); apache2-bin also
# serves the Digest unit test.
LAB_PACKAGES+=(apache2-bin dropbear-bin python3-pysnmp4 xvfb x11vnc tigervnc-standalone-server tigervnc-tools cups-ipp-utils dbus-daemon)
# PAM-backed telnet login for the credential checks' loopback tests: GNU inetutils telnetd under
# inetutils-inetd, running the system /bin/login (test/helpers/pam-logins.ts; its host units masked).
LAB_PACKAGES+=(inetutils-telnetd inetutils-inetd)
# Second IPP implementation for the IPP client's loopback tests (beside ippeveprinter): CUPS's cupsd,
# run with its own config and state directories on a loopback port (test/helpers/ipp-servers.ts).
LAB_PACKAGES+=(cups-daemon)

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

# host_field SHORT FIELD(1=ip 2=mac 3=hostname)
host_field() {
  printf '%s\n' "${LAB_HOSTS[@]}" | awk -v s="$1" -v f="$2" '$1 == s { print $(f + 1); n++ } END { exit n != 1 }'
}
host_ip() { host_field "$1" 1; }
host_mac() { host_field "$1" 2; }
host_name() { host_field "$1" 3; }
all_shorts() { local l; for l in "${LAB_HOSTS[@]}"; do echo "${l%% *}"; done; }

# This lab's namespaces only: exactly its own names, never another copy's (mamori-b-… also
# starts with mamori-).
lab_namespaces() {
  local mine=" ${LAB_SW} " s
  for s in $(all_shorts); do mine+="${LAB_NS_PREFIX}$s "; done
  if declare -F segment_namespaces >/dev/null; then mine+="$(segment_namespaces) "; fi # LAB_SEGMENT=1 (segment.sh)
  ip netns list 2>/dev/null | awk '{print $1}' | while read -r ns; do
    [[ $mine == *" $ns "* ]] && echo "$ns"
  done
  return 0
}

ensure_packages() {
  local missing=() p
  for p in "${LAB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local rc=0 before host_units
  # Every host service of a package installed here is disabled and masked (host-units.sh).
  host_units="$(dirname "${BASH_SOURCE[0]}")/host-units.sh"
  before=$(mktemp)
  bash "$host_units" snapshot "$before"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } \
    >"/tmp/mamori-lab-apt.log" 2>&1 || rc=$?
  bash "$host_units" mask-new "$before" "${LAB_PACKAGES[@]}" >&2 || rc=$?
  rm -f "$before"
  [ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ $rc = 0 ] || die "apt-get failed (see /tmp/mamori-lab-apt.log)"
}

# Host directories some daemons insist on (fixed paths). Created only if absent,
# remembered, and removed again by `down` (they stay empty on the host: the
# daemons bind private directories over them inside their own mount namespace).
ensure_host_dir() {
  [ -d "$1" ] && return 0
  mkdir -p "$1" && echo "$1" >>"$LAB_STATE/host-dirs"
}

# ---- processes -------------------------------------------------------------

proc_start_time() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null; }

# pid_running PID: the process exists and is not a zombie (an exited child
# stays a zombie until PID 1 reaps it, which can take a moment here).
pid_running() {
  local st
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [ -n "$st" ] && [ "$st" != Z ]
}

pid_record() { echo "$2 $(proc_start_time "$2")" >"$LAB_PIDS/$1.pid"; }

# pid_get NAME: prints the PID if the recorded process is still the same one.
pid_get() {
  local f=$LAB_PIDS/$1.pid pid st
  [ -f "$f" ] || return 1
  read -r pid st <"$f"
  [ -n "$pid" ] && [ "$(proc_start_time "$pid")" = "$st" ] && pid_running "$pid" && echo "$pid"
}

# stop_pid PID: TERM, wait up to 3 s, then KILL.
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 30); do
    pid_running "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# lab_spawn NAME SHORT [--bind SRC DST]... -- CMD ARGS...
# Runs CMD in namespace mamori-SHORT, in its own UTS (hostname) and mount
# namespace. Every stage execs, so the recorded PID is the daemon's own PID.
lab_spawn() {
  local name=$1 short=$2; shift 2
  setsid ip netns exec "$LAB_NS_PREFIX$short" \
    unshare --uts --mount "$LAB_DIR/files/nsexec.sh" "$(host_name "$short")" "$@" \
    </dev/null >>"$LAB_STATE/logs/$name.log" 2>&1 9<&- &
  local pid=$!
  pid_record "$name" "$pid"
}

# run_in SHORT CMD...: a short-lived command inside a lab namespace.
run_in() { local s=$1; shift; ip netns exec "$LAB_NS_PREFIX$s" "$@"; }

# ---- web servers -------------------------------------------------------------

# lighttpd_conf_head DIR PORT SERVER-TAG [MODULES]: the lines every lab lighttpd shares (DIR/www,
# all addresses, www-data); each device appends what makes it itself. MODULES is the inside of
# server.modules, e.g. '"mod_cgi", "mod_setenv"'.
lighttpd_conf_head() {
  cat <<CONF
server.modules = (${4:-})
server.document-root = "$1/www"
server.bind = "0.0.0.0"
server.port = $2
server.username = "www-data"
server.groupname = "www-data"
server.tag = "$3"
CONF
}

# ---- probes (always from inside mamori-scan) --------------------------------

tcp_open() { # IP PORT
  ip netns exec "$LAB_SCAN" timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# wait_until SECONDS CMD...: retry CMD every 0.2 s until it succeeds.
wait_until() {
  local deadline=$((SECONDS + $1)); shift
  while [ $SECONDS -lt $deadline ]; do
    "$@" && return 0
    sleep 0.2
  done
  "$@"
}

# wait_ready SECONDS CHECK...: ask `check_ready CHECK` (each set defines it; a "short:port" check
# is a TCP connect) every 0.2 s until each has passed once; fail, with the tails of their logs,
# as soon as a daemon has exited or time is up. check_ready may read `ok[CHECK]` (bash's dynamic
# scope) to run a one-off setup step only after the daemon it needs has answered.
wait_ready() {
  local wait=$1; shift
  local deadline=$((SECONDS + wait)) e dead
  local -A ok=()
  local checks=("$@")
  while :; do
    for e in "${checks[@]}"; do
      [ -n "${ok[$e]:-}" ] && continue
      check_ready "$e" && ok[$e]=1
    done
    local pending=()
    for e in "${checks[@]}"; do [ -n "${ok[$e]:-}" ] || pending+=("$e"); done
    [ ${#pending[@]} -eq 0 ] && return 0
    dead=$(dead_processes | tr '\n' ' ')
    if [ -n "$dead" ] || [ $SECONDS -ge $deadline ]; then
      [ -n "$dead" ] && log "process(es) exited: $dead"
      log "not ready after $((wait - deadline + SECONDS))s: ${pending[*]}"
      for e in $dead; do log "--- tail of $e.log:"; tail -n 5 "$LAB_STATE/logs/$e.log" >&2 || true; done
      return 1
    fi
    sleep 0.2
  done
}

# ---- topology --------------------------------------------------------------

ns_create() { # NS
  ip netns add "$1"
  ip -n "$1" link set lo up
}

# attach SHORT: veth pair between mamori-sw (port p-SHORT) and mamori-SHORT (eth0).
attach() {
  local s=$1 ns=$LAB_NS_PREFIX$1
  ns_create "$ns"
  ip -n "$LAB_SW" link add "p-$s" type veth peer name eth0 netns "$ns"
  ip -n "$LAB_SW" link set "p-$s" master br0 up
  ip -n "$ns" link set eth0 address "$(host_mac "$s")"
  ip -n "$ns" addr add "$(host_ip "$s")/$LAB_CIDR" dev eth0
  ip -n "$ns" link set eth0 up
  # Multicast (mDNS, SSDP) without a default route: a route for 224/4 only.
  ip -n "$ns" route add 224.0.0.0/4 dev eth0
}
