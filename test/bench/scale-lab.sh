#!/bin/bash
# Scale lab for `npm run bench`: a /22 with many live hosts, each a lightweight network namespace
# (mamori-sc-<n>: one veth on the bridge in mamori-sc-sw), a few running a tiny busybox service.
#
#   bash test/bench/scale-lab.sh up [--hosts N] [--ttl SECONDS]   N in 250..1000 (default 260)
#   bash test/bench/scale-lab.sh down
#   bash test/bench/scale-lab.sh status
#   (SCALE_LAB_NAME=x in the environment: a separate copy, mamori-scx-*)
#
# Safety, as in test/lab: veth pairs go straight from the switch namespace into a host namespace
# (nothing is created in, or attached to, the host namespace); no namespace has a default route;
# every process is recorded by PID + start time and stopped by that PID; a watchdog takes the lab
# down after the TTL. The host's neighbour-table limits (global, shared by every namespace) are
# raised while the lab is up and restored by `down`: 250+ namespaces each hold an entry for the
# scanner, on top of the scanner's own /24 sweeps.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# SCALE_LAB_NAME=x: a copy of its own (mamori-scx-*, /run/mamori-bench-scale-x), beside others' benches.
export SCALE_LAB_NAME=${SCALE_LAB_NAME:-}
[[ $SCALE_LAB_NAME =~ ^[a-z0-9]{0,8}$ ]] || { printf '[scale-lab] ERROR: SCALE_LAB_NAME must be 0-8 of [a-z0-9]\n' >&2; exit 1; }
STATE=/run/mamori-bench-scale${SCALE_LAB_NAME:+-$SCALE_LAB_NAME}
PIDS=$STATE/pids
P=mamori-sc${SCALE_LAB_NAME}-
SW=${P}sw
SCAN=${P}scan
SUBNET=10.78.0.0/22
SCAN_IP=10.78.0.2
HOSTS=260
TTL=1800
# Raised while up (never lowered): 250+ lab namespaces share the host's neighbour table.
GC_WANT=(1024 4096 8192)

log() { printf '[scale-lab] %s\n' "$*" >&2; }
die() { printf '[scale-lab] ERROR: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root"

lock() { exec 9<"$HERE/scale-lab.sh"; flock -w 120 9 || die "another scale-lab.sh is running"; }

# host_ip I: hosts spread over the four /24s of the /22 (so the sweep crosses every chunk).
host_ip() { echo "10.78.$(($1 % 4)).$((10 + $1 / 4))"; }
# host_mac I: a real vendor prefix per host (Mamori names vendors), every 7th one randomized.
OUIS=(2c:f4:32 a4:14:37 78:11:dc 00:11:32 f4:f5:d8 00:12:67 7c:bb:8a 04:d9:f5)
host_mac() {
  local i=$1 oui=${OUIS[$(($1 % ${#OUIS[@]}))]}
  [ $((i % 7)) = 3 ] && oui=6a:5c:00
  printf '%s:%02x:%02x:%02x\n' "$oui" $(((i >> 16) & 255)) $(((i >> 8) & 255)) $((i & 255))
}
# Every 8th host serves HTTP, every 32nd (offset 5) telnet.
has_http() { [ $(($1 % 8)) = 0 ]; }
has_telnet() { [ $(($1 % 32)) = 5 ]; }

proc_start() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null; }
record() { echo "$2 $(proc_start "$2")" >"$PIDS/$1.pid"; }
recorded_pid() { # prints the PID if the recorded process is still that process
  local pid st
  read -r pid st <"$1" || return 1
  [ -n "$pid" ] && [ "$(proc_start "$pid")" = "$st" ] && echo "$pid"
}
# alive PID: exists and is not a zombie (orphans wait for PID 1 to reap them, which can take a while).
alive() { local st; st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [ -n "$st" ] && [ "$st" != Z ]; }
stop_pids() { # TERM them all, wait up to 3 s for all together, then KILL what is left
  local pid i left
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  for i in $(seq 1 30); do
    left=0
    for pid in "$@"; do alive "$pid" && left=1 && break; done
    [ $left = 0 ] && return 0
    sleep 0.1
  done
  for pid in "$@"; do alive "$pid" && kill -KILL "$pid" 2>/dev/null; done
  return 0
}
our_namespaces() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${P}(sw|scan|[0-9]+)$" || true; }

spawn() { # spawn NAME NS CMD...: the recorded PID is the daemon's own (ip netns exec execs)
  local name=$1 ns=$2; shift 2
  setsid ip netns exec "$ns" "$@" </dev/null >>"$STATE/logs/$name.log" 2>&1 9<&- &
  record "$name" $!
}

cmd_up() {
  while [ $# -gt 0 ]; do
    case $1 in
      --hosts) HOSTS=${2:-}; shift 2 ;;
      --ttl) TTL=${2:-}; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  if ! [[ $HOSTS =~ ^[0-9]+$ ]] || [ "$HOSTS" -lt 250 ] || [ "$HOSTS" -gt 1000 ]; then die "--hosts must be 250..1000"; fi
  if ! [[ $TTL =~ ^[0-9]+$ ]] || [ "$TTL" -lt 30 ] || [ "$TTL" -gt 7200 ]; then die "--ttl must be 30..7200"; fi
  if [ -n "$(our_namespaces)" ] || [ -d "$STATE" ]; then do_down; fi
  trap 'log "up failed: tearing down"; do_down' ERR
  local t0=$SECONDS i ns
  mkdir -p "$PIDS" "$STATE/logs" "$STATE/www"
  echo '<!doctype html><title>sensor</title><h1>sensor</h1>' >"$STATE/www/index.html"
  sysctl -n net.ipv4.neigh.default.gc_thresh1 net.ipv4.neigh.default.gc_thresh2 net.ipv4.neigh.default.gc_thresh3 | xargs >"$STATE/gc_thresh.orig"
  local k=1 cur
  for want in "${GC_WANT[@]}"; do
    cur=$(sysctl -n "net.ipv4.neigh.default.gc_thresh$k")
    [ "$cur" -lt "$want" ] && sysctl -qw "net.ipv4.neigh.default.gc_thresh$k=$want"
    k=$((k + 1))
  done
  # Watchdog: its own session, recorded, stopped by `down`.
  # shellcheck disable=SC2016 # expanded by the watchdog's own bash
  # `wait` (not a foreground sleep) lets TERM end it at once, and the trap takes its sleep along.
  setsid bash -c 'trap "kill \$sp 2>/dev/null; exit 0" TERM INT; sleep "$1" & sp=$!; wait $sp; exec bash "$2" down' mamori-sc-watchdog "$TTL" "$HERE/scale-lab.sh" </dev/null >/dev/null 2>&1 9<&- &
  record watchdog $!

  { echo "netns add $SW"; echo "netns add $SCAN"; for ((i = 1; i <= HOSTS; i++)); do echo "netns add $P$i"; done; } | ip -batch -
  {
    echo "link add br0 type bridge stp_state 0 mcast_snooping 0"
    echo "link set br0 up"
    echo "link add p-scan type veth peer name eth0 netns $SCAN"
    for ((i = 1; i <= HOSTS; i++)); do echo "link add p$i type veth peer name eth0 netns $P$i"; done
    echo "link set p-scan master br0 up"
    for ((i = 1; i <= HOSTS; i++)); do echo "link set p$i master br0 up"; done
  } | ip -n "$SW" -batch -
  ip netns exec "$SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  configure() { # NS IP MAC: the only route is the connected /22
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    printf 'link set lo up\nlink set eth0 address %s\naddr add %s/22 dev eth0\nlink set eth0 up\n' "$3" "$2" | ip -n "$1" -batch -
  }
  configure "$SCAN" "$SCAN_IP" dc:a6:32:00:78:02
  for ((i = 1; i <= HOSTS; i++)); do configure "$P$i" "$(host_ip $i)" "$(host_mac $i)"; done

  local json="" sep=""
  for ((i = 1; i <= HOSTS; i++)); do
    ns=$P$i ports=""
    if has_http $i; then spawn "http-$i" "$ns" busybox httpd -f -p 80 -h "$STATE/www"; ports=80; fi
    if has_telnet $i; then spawn "telnet-$i" "$ns" busybox telnetd -F -p 23 -l "$HERE/files/refuse-login.sh"; ports=${ports:+$ports,}23; fi
    json+="$sep{\"ip\":\"$(host_ip $i)\",\"mac\":\"$(host_mac $i)\",\"tcpPorts\":[${ports}]}"
    sep=","
  done
  printf '{"subnet":"%s","scanner":{"namespace":"%s","ip":"%s","interface":"eth0"},"hosts":[%s]}\n' \
    "$SUBNET" "$SCAN" "$SCAN_IP" "$json" >"$STATE/expected.json"
  wait_services 20 || { do_down; die "services did not come up"; }
  trap - ERR
  log "up: $HOSTS hosts on $SUBNET in $((SECONDS - t0)) s (scanner $SCAN, $SCAN_IP); TTL ${TTL}s"
}

wait_services() { # every recorded daemon alive and listening, bounded
  local deadline=$((SECONDS + $1)) f name
  while [ $SECONDS -lt $deadline ]; do
    local bad=0
    for f in "$PIDS"/http-*.pid "$PIDS"/telnet-*.pid; do
      [ -e "$f" ] || continue
      recorded_pid "$f" >/dev/null || { bad=1; break; }
      name=$(basename "$f" .pid)
      ip netns exec "$P${name#*-}" ss -Hltn "sport = :$([ "${name%%-*}" = http ] && echo 80 || echo 23)" | grep -q LISTEN || { bad=1; break; }
    done
    [ $bad = 0 ] && return 0
    sleep 0.2
  done
  return 1
}

do_down() {
  local f pid ns pids=()
  if [ -d "$PIDS" ]; then
    for f in "$PIDS"/*.pid; do
      [ -e "$f" ] || continue
      pid=$(recorded_pid "$f") || continue
      # The watchdog execs into this very `down`: never stop ourselves.
      [ "$pid" = "$$" ] || [ "$pid" = "$PPID" ] || pids+=("$pid")
    done
  fi
  stop_pids "${pids[@]}"
  # Anything else still inside one of our namespaces (e.g. a login script telnetd started).
  for ns in $(our_namespaces); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
  done
  our_namespaces | sed 's/^/netns delete /' | ip -batch - 2>/dev/null || true
  if [ -f "$STATE/gc_thresh.orig" ]; then
    read -r g1 g2 g3 <"$STATE/gc_thresh.orig"
    sysctl -qw "net.ipv4.neigh.default.gc_thresh1=$g1" "net.ipv4.neigh.default.gc_thresh2=$g2" "net.ipv4.neigh.default.gc_thresh3=$g3"
  fi
  rm -rf "$STATE"
  [ -z "$(our_namespaces)" ] || die "namespaces left: $(our_namespaces | xargs)"
}

cmd_status() {
  local n live=0 f
  n=$(our_namespaces | wc -l)
  for f in "$PIDS"/*.pid; do [ -e "$f" ] && recorded_pid "$f" >/dev/null && live=$((live + 1)); done
  echo "namespaces: $n, recorded processes alive: $live"
  [ "$n" -gt 0 ]
}

case ${1:-} in
  up) shift; lock; cmd_up "$@" ;;
  down) lock; do_down; log "down" ;;
  status) cmd_status ;;
  *) sed -n '5,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
