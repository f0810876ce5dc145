#!/bin/bash
# Checks the running lab against expected.json:
#  1. from the host side: namespaces, addresses, MACs, vendors (oui-data),
#     no default route anywhere, nothing of the lab in the host namespace;
#  2. from inside mamori-scan: ports, logins, mDNS, SSDP (probe.py verify).
# Prints PASS/FAIL lines and "N passed, N failed"; exit 0 only if all pass.
set -uo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$LAB_DIR/lab.env"
. "$LAB_DIR/lib.sh"
export LAB_SW LAB_SCAN LAB_NS_PREFIX LAB_PIDS
pass=0 fail=0
check() { # NAME CMD...
  local name=$1; shift
  if "$@" >/dev/null 2>&1; then echo "PASS $name"; pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}

# Expected hosts from expected.json: namespace ip mac vendor randomized
mapfile -t HOSTS < <(/usr/bin/python3 - "$LAB_DIR/expected.json" "$LAB_NS_PREFIX" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
for d in [dict(e["scanner"], name="scanner", randomizedMac=False)] + e["devices"]:
    # expected.json names the default lab; a LAB_NAME copy has the same hosts under its own prefix
    ns = d["namespace"].replace("mamori-", sys.argv[2], 1)
    print(ns, d["ip"], d["mac"], str(d["randomizedMac"]).lower(), d.get("vendor") or "-", sep="\t")
PY
)

has_addr() { ip -n "$1" -br addr show dev eth0 | grep -qw "$2/24"; }
has_mac() { [ "$(ip -n "$1" -br link show dev eth0 | awk '{print $3}')" = "$2" ]; }
no_default_route() { ! ip -n "$1" route show default | grep -q . && ! ip -n "$1" -6 route show default | grep -q .; }
vendor_is() { # MAC RANDOMIZED VENDOR: oui-data's first line for the prefix (or none if randomized)
  node -e '
    const [mac, rnd, want] = process.argv.slice(1);
    const local = (parseInt(mac.slice(0, 2), 16) & 2) !== 0;
    if (rnd === "true") process.exit(local ? 0 : 1);
    const db = require(process.cwd() + "/node_modules/oui-data/index.json");
    const hex = mac.replace(/:/g, "").toUpperCase();
    const v = db[hex.slice(0, 9)] ?? db[hex.slice(0, 7)] ?? db[hex.slice(0, 6)];
    process.exit(!local && v && v.split("\n")[0] === want ? 0 : 1);' "$@"
}
for line in "${HOSTS[@]}"; do
  IFS=$'\t' read -r ns ip mac rnd vendor <<<"$line"
  check "$ns: eth0 has $ip/24" has_addr "$ns" "$ip"
  check "$ns: eth0 MAC is $mac" has_mac "$ns" "$mac"
  check "$ns: vendor '$vendor' (randomized=$rnd)" bash -c "cd '$LAB_DIR/../..' && $(declare -f vendor_is); vendor_is '$mac' '$rnd' '$vendor'"
  check "$ns: no default route" no_default_route "$ns"
done
check "$LAB_SW: br0 is up" bash -c 'ip -n $LAB_SW -br link show br0 | grep -q UP'
check "$LAB_SW: br0 has no IP address" bash -c '! ip -n $LAB_SW -4 addr show br0 | grep -q inet'
check "host namespace: no lab address or lab veth" bash -c '! ip -br addr | grep -q "10\.77\.0\." && ! ip -br link | grep -qE "^p-|mamori"'
in_lab_netns() { # every recorded daemon (not the watchdog) runs outside the host network namespace
  local f pid host
  host=$(readlink /proc/1/ns/net)
  for f in $LAB_PIDS/*.pid; do
    [ "$(basename "$f")" = watchdog.pid ] && continue
    read -r pid _ <"$f"
    [ "$(readlink "/proc/$pid/ns/net")" != "$host" ] || return 1
  done
}
check "every lab daemon runs inside a lab namespace" in_lab_netns
for line in "${HOSTS[@]}"; do
  IFS=$'\t' read -r ns ip mac rnd vendor <<<"$line"
  case $ns in ${LAB_NS_PREFIX}quiet*) ;; *) continue ;; esac
  check "$ns: no answer to ping, found by ARP as $mac" bash -c "
    ! ip netns exec $LAB_SCAN busybox ping -c1 -W1 $ip &&
    ip netns exec $LAB_SCAN busybox arping -c1 -w1 -I eth0 $ip | grep -qi 'reply from $ip \\[$mac\\]'"
done
# The home gateway's UPnP port mappings (expected.json upnpMappings), read as any LAN host can.
upnp_mappings_are() { # LISTING EXPECTED: the same "PROTO EXT->CLIENT:PORT 'DESC'" lines, in order
  [ "$(grep -oE "(TCP|UDP) +[0-9]+->[0-9.]+:[0-9]+ +'[^']*'" <<<"$1" | tr -s ' ')" = "$2" ]
}
want_mappings=$(/usr/bin/python3 - "$LAB_DIR/expected.json" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1]))["devices"]:
    for m in d.get("upnpMappings", []):
        print("%s %d->%s:%d '%s'" % (m["protocol"], m["externalPort"], m["internalClient"], m["internalPort"], m["description"]))
PY
)
listing=$(ip netns exec "$LAB_SCAN" timeout 10 upnpc -u "http://$(host_ip hgw):2869/rootDesc.xml" -l 2>&1)
check "hgw: UPnP lists exactly the expected port mappings ($want_mappings)" upnp_mappings_are "$listing" "$want_mappings"
check "hgw: miniupnpd's external side has no route and no link out of the namespace" bash -c \
  "! ip -n ${LAB_NS_PREFIX}hgw route show default | grep -q . && ip -n ${LAB_NS_PREFIX}hgw -br link show wan0-peer | grep -q UP"
check "ssh secure-hub: password authentication not offered" bash -c '
  ip netns exec $LAB_SCAN timeout 8 ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 -o PreferredAuthentications=password,keyboard-interactive admin@10.77.0.15 true 2>&1 |
    grep -q "Permission denied (publickey)"'

echo "--- from inside mamori-scan:"
out=$(ip netns exec $LAB_SCAN /usr/bin/python3 "$LAB_DIR/probe.py" verify "$LAB_DIR/expected.json")
echo "$out" | grep -v ' passed, '
read -r p _ f _ < <(echo "$out" | tail -n1)
pass=$((pass + p)) fail=$((fail + f))
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
