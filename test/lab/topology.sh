# shellcheck shell=bash
# Topology (switch + hosts) and health checks. Sourced by lab.sh.

build_topology() {
  local s
  ns_create "$LAB_SW"
  # The switch ports need no addresses at all.
  ip netns exec "$LAB_SW" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$LAB_SW" link add br0 type bridge stp_state 0 mcast_snooping 0
  ip -n "$LAB_SW" link set br0 up
  for s in $(all_shorts); do attach "$s"; done
}

# All TCP ports the lab must accept, as "short:port".
lab_tcp_endpoints() {
  local d v p
  for d in cam hub nas speaker secure plug; do
    v=${d^^}_TCP
    for p in ${!v}; do echo "$d:$p"; done
  done
}

snmp_ready() {
  [ "$(ip netns exec "$LAB_SCAN" snmpget -v2c -c "$LAB_NAS_SNMP_COMMUNITY" -t 1 -r 0 -Oqv \
    "$(host_ip nas)" 1.3.6.1.2.1.1.5.0 2>/dev/null | tr -d '"')" = diskstation ]
}

# One multicast M-SEARCH from mamori-scan; succeeds if the plug answers.
ssdp_ready() {
  ip netns exec "$LAB_SCAN" /usr/bin/python3 - "$(host_ip scan)" "$(host_ip plug)" <<'PY' >/dev/null 2>&1
import socket, sys, time
me, plug = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(me))
s.bind((me, 0))
s.sendto(b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
         b"MX: 1\r\nST: upnp:rootdevice\r\n\r\n", ("239.255.255.250", 1900))
end = time.time() + 1.5
while time.time() < end:
    s.settimeout(max(0.05, end - time.time()))
    try:
        data, addr = s.recvfrom(2048)
    except socket.timeout:
        break
    if addr[0] == plug and b"description.xml" in data:
        sys.exit(0)
sys.exit(1)
PY
}

# Names of recorded processes that are no longer running.
dead_processes() {
  local f
  for f in "$LAB_PIDS"/*.pid; do
    [ -e "$f" ] || continue
    pid_get "$(basename "$f" .pid)" >/dev/null || basename "$f" .pid
  done
}

lab_is_healthy() {
  local e ns
  [ -d "$LAB_PIDS" ] || return 1
  for ns in $LAB_SW $(all_shorts | sed "s/^/$LAB_NS_PREFIX/"); do
    [ -e "/run/netns/$ns" ] || return 1 # no pipe: grep -q exiting early fails `ip netns list` under pipefail
  done
  [ -z "$(dead_processes)" ] || return 1
  for e in $(lab_tcp_endpoints); do tcp_open "$(host_ip "${e%%:*}")" "${e##*:}" || return 1; done
  segment_is_healthy
}

# wait_healthy SECONDS: wait until every daemon answers; one-off setup steps
# (retained MQTT messages, SSDP registration) run as soon as their daemon is up.
wait_healthy() {
  wait_ready "$1" $(lab_tcp_endpoints) hub-seed plug-ssdp-submit ssdp snmp nas-mdns speaker-mdns
}

# check_ready CHECK: one readiness check of wait_healthy (see wait_ready in lib.sh).
check_ready() {
  case $1 in
    hub-seed) [ -n "${ok[hub:1883]:-}" ] && hub_seed ;;
    plug-ssdp-submit) plug_submit_ssdp ;;
    ssdp) [ -n "${ok[plug-ssdp-submit]:-}" ] && ssdp_ready ;;
    snmp) snmp_ready ;;
    *-mdns) avahi_ready "$1" "$LAB_STATE/${1%-mdns}" ;;
    *) tcp_open "$(host_ip "${1%%:*}")" "${1##*:}" ;;
  esac
}
