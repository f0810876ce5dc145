# shellcheck shell=bash
# Optional second network segment (LAB_SEGMENT=1), for issue 19's "one box, several networks": a
# second switch namespace (its own bridge, a VLAN-like segment) on a SECOND scanner interface, eth1
# in the scanner namespace, 10.78.0.0/24, with two devices made from the first set's recipes: a
# telnet camera (the camera's fake busybox login, factory root/12345) and an SNMP NAS (snmpd,
# community "public"). Built the lab's safe way: namespaces mamori-<LAB_NAME>-*, veth pairs only
# between lab namespaces, no default route, every process recorded by PID. Sourced by lab.sh;
# without LAB_SEGMENT=1 the lab, its fingerprint and test/lab/expected.json are unchanged.
# Behind it, a ROUTED segment: a router namespace (10.78.0.254 on the segment, 10.79.0.1 on a third
# bridge) forwarding to 10.79.0.0/24 with one more telnet camera; the scanner has a route to
# 10.79.0.0/24 via 10.78.0.254 (never a default route: nothing leads out of the lab).
# Ground truth: test/lab/expected-segment.json.
LAB_SEGMENT=${LAB_SEGMENT:-0}
SEG_SW=${LAB_NS_PREFIX}sw2
SEG_SW3=${LAB_NS_PREFIX}sw3
SEG_CIDR=24
# The scanner's second interface (in $LAB_SCAN).
SEG_SCAN_IF=eth1
# short  ip           mac                hostname
SEG_HOSTS=(
  "scan   10.78.0.2   dc:a6:32:00:78:02  mamori-scanner"
  "ycam   10.78.0.11  a4:14:37:78:00:11  cam-yard"
  "onas   10.78.0.13  00:11:32:78:00:13  office-nas"
  "rtr    10.78.0.254 2c:fd:a1:78:00:fe  segment-router"
  "rtr3   10.79.0.1   2c:fd:a1:79:00:01  segment-router"
  "rcam   10.79.0.11  a4:14:37:79:00:11  cam-warehouse"
  "rping  10.79.0.21  00:12:67:79:00:21  quiet-pinger"
)

seg_field() { printf '%s\n' "${SEG_HOSTS[@]}" | awk -v s="$1" -v f="$2" '$1 == s { print $(f + 1); n++ } END { exit n != 1 }'; }
seg_ip() { seg_field "$1" 1; }

# Every namespace the segment may have: `down` removes them whether or not LAB_SEGMENT is set now.
segment_namespaces() { echo "$SEG_SW $SEG_SW3 ${LAB_NS_PREFIX}ycam ${LAB_NS_PREFIX}onas ${LAB_NS_PREFIX}rtr ${LAB_NS_PREFIX}rcam ${LAB_NS_PREFIX}rping"; }

# What the segment adds to lab.sh's fingerprint (nothing when it is off).
segment_fingerprint() {
  [ "$LAB_SEGMENT" = 1 ] || return 0
  echo "segment=1"
  cat "$LAB_DIR/segment.sh"
}

# seg_spawn NAME SHORT -- CMD...: lab_spawn for a segment host (its hostname from SEG_HOSTS).
seg_spawn() {
  local name=$1 short=$2; shift 2
  setsid ip netns exec "$LAB_NS_PREFIX$short" \
    unshare --uts --mount "$LAB_DIR/files/nsexec.sh" "$(seg_field "$short" 3)" "$@" \
    </dev/null >>"$LAB_STATE/logs/$name.log" 2>&1 9<&- &
  pid_record "$name" $!
}

# seg_attach NS IFNAME SHORT [SWITCH]: veth between a segment switch (port s-SHORT) and NS (IFNAME).
seg_attach() {
  local ns=$1 ifname=$2 s=$3 sw=${4:-$SEG_SW}
  ip -n "$sw" link add "s-$s" type veth peer name "$ifname" netns "$ns"
  ip -n "$sw" link set "s-$s" master br0 up
  ip -n "$ns" link set "$ifname" address "$(seg_field "$s" 2)"
  ip -n "$ns" addr add "$(seg_ip "$s")/$SEG_CIDR" dev "$ifname"
  ip -n "$ns" link set "$ifname" up
}

segment_up() {
  [ "$LAB_SEGMENT" = 1 ] || return 0
  local d=$LAB_STATE/segment s
  mkdir -p "$d/snmp"
  for s in "$SEG_SW" "$SEG_SW3"; do
    ns_create "$s"
    ip netns exec "$s" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$s" link add br0 type bridge stp_state 0 mcast_snooping 0
    ip -n "$s" link set br0 up
  done
  seg_attach "$LAB_SCAN" "$SEG_SCAN_IF" scan # the scanner keeps eth0 on 10.77.0.0/24
  for s in ycam onas; do
    ns_create "$LAB_NS_PREFIX$s"
    seg_attach "$LAB_NS_PREFIX$s" eth0 "$s"
    ip -n "$LAB_NS_PREFIX$s" route add 224.0.0.0/4 dev eth0
  done
  # The router: one leg on the segment, one on the routed bridge; it forwards between the two only.
  ns_create "${LAB_NS_PREFIX}rtr"
  seg_attach "${LAB_NS_PREFIX}rtr" eth0 rtr
  seg_attach "${LAB_NS_PREFIX}rtr" eth1 rtr3 "$SEG_SW3"
  ip netns exec "${LAB_NS_PREFIX}rtr" sysctl -qw net.ipv4.ip_forward=1
  ns_create "${LAB_NS_PREFIX}rcam"
  seg_attach "${LAB_NS_PREFIX}rcam" eth0 rcam "$SEG_SW3"
  ip -n "${LAB_NS_PREFIX}rcam" route add 10.78.0.0/24 via "$(seg_ip rtr3)" dev eth0
  # A host behind the router that drops every TCP segment but answers ICMP echo: only ping finds it.
  ns_create "${LAB_NS_PREFIX}rping"
  seg_attach "${LAB_NS_PREFIX}rping" eth0 rping "$SEG_SW3"
  ip -n "${LAB_NS_PREFIX}rping" route add 10.78.0.0/24 via "$(seg_ip rtr3)" dev eth0
  ip netns exec "${LAB_NS_PREFIX}rping" nft -f - <<'NFT'
table inet mamori_seg_quiet {
  chain input {
    type filter hook input priority 0; policy accept;
    meta l4proto tcp drop
  }
}
NFT
  ip -n "$LAB_SCAN" route add 10.79.0.0/24 via "$(seg_ip rtr)" dev "$SEG_SCAN_IF"

  # Telnet camera: the first set's fake busybox login (never a shell), the camera's factory pair.
  { printf '#!/bin/bash\nLAB_USER=%q\nLAB_PASS=%q\nLAB_HOST=%q\n' "$LAB_CAM_TELNET_USER" "$LAB_CAM_TELNET_PASS" cam-yard
    cat "$LAB_DIR/files/cam-login.sh"; } >"$d/ycam-login.sh"
  chmod 700 "$d/ycam-login.sh"
  : >"$d/issue.net"
  seg_spawn seg-ycam-telnet ycam -- /bin/busybox telnetd -F -p 23 -f "$d/issue.net" -l "$d/ycam-login.sh"
  # The camera behind the router: the same recipe.
  { printf '#!/bin/bash\nLAB_USER=%q\nLAB_PASS=%q\nLAB_HOST=%q\n' "$LAB_CAM_TELNET_USER" "$LAB_CAM_TELNET_PASS" cam-warehouse
    cat "$LAB_DIR/files/cam-login.sh"; } >"$d/rcam-login.sh"
  chmod 700 "$d/rcam-login.sh"
  seg_spawn seg-rcam-telnet rcam -- /bin/busybox telnetd -F -p 23 -f "$d/issue.net" -l "$d/rcam-login.sh"

  # SNMP NAS: snmpd as the first set's NAS runs it, read-only community "public" (LAB_NAS_SNMP_COMMUNITY).
  cat >"$d/snmpd.conf" <<CONF
# Mamori lab segment NAS: read-only community, system group only.
agentaddress udp:$(seg_ip onas):161
view nasview included .1.3.6.1.2.1.1
rocommunity $LAB_NAS_SNMP_COMMUNITY default -V nasview
sysDescr Linux office-nas 4.4.302+ #69057 SMP x86_64 GNU/Linux synology_geminilake_920+
sysName office-nas
sysLocation Office
sysObjectID .1.3.6.1.4.1.6574.1
sysServices 76
dontLogTCPWrappersConnects yes
CONF
  SNMP_PERSISTENT_DIR=$d/snmp MIBS= \
    seg_spawn seg-onas-snmp onas -- /usr/sbin/snmpd -f -Lo -C -I -smux -c "$d/snmpd.conf" -p "$d/snmpd.pid"
  wait_until 20 segment_is_healthy || { log "segment not ready"; return 1; }
}

# Ready when the camera's telnet answers and the NAS answers an SNMP GET, both through eth1.
segment_is_healthy() {
  [ "$LAB_SEGMENT" = 1 ] || return 0
  [ -e "/run/netns/$SEG_SW" ] || return 1
  tcp_open "$(seg_ip ycam)" 23 || return 1
  tcp_open "$(seg_ip rcam)" 23 || return 1 # through the router
  [ "$(ip netns exec "$LAB_SCAN" snmpget -v2c -c "$LAB_NAS_SNMP_COMMUNITY" -t 1 -r 0 -Oqv \
    "$(seg_ip onas)" 1.3.6.1.2.1.1.5.0 2>/dev/null | tr -d '"')" = office-nas ]
}
