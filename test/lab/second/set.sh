# shellcheck shell=bash
# Mamori lab, second set (LAB_SET=second): the same roles as the first set played by OTHER
# implementations, vendors, ports and factory pairs, for issue 14's "devices Mamori was not built
# against". Sourced by lab.sh after lib.sh and topology.sh: it replaces the host table, the device
# list and the health checks; everything else (namespaces mamori-<LAB_NAME>-*, a bridge inside a
# namespace, no route out, recorded PIDs, the TTL watchdog) is the first set's code.
# Ground truth: ../expected-second.json. Planted credentials: lab.env beside this file.
[ -n "$LAB_NAME" ] || die "LAB_SET=second needs its own LAB_NAME (e.g. LAB_NAME=s2), so it never replaces the first set"
LAB2_DIR=$LAB_DIR/second
# shellcheck source=lab.env
. "$LAB2_DIR/lab.env"
for f in "$LAB2_DIR"/devices/*.sh; do . "$f"; done

# short-name  ip              mac                hostname
LAB_HOSTS=(
  "scan     192.168.78.2    dc:a6:32:78:00:02  mamori-scanner"
  "rt       192.168.78.1    50:c7:bf:78:00:01  tl-wr840n"
  "wcam     192.168.78.20   08:ea:40:78:00:20  ipcam"
  "cam2     192.168.78.21   00:e0:4c:78:00:21  ipcam2"
  "nvr      192.168.78.30   9c:8e:cd:78:00:30  amcrest-nvr"
  "ap       192.168.78.40   24:a4:3c:78:00:40  ubnt-ap"
  "nas      192.168.78.41   24:5e:be:78:00:41  qnap-nas"
  "prn      192.168.78.50   3c:d9:2b:78:00:50  hp-officejet"
  "prn2     192.168.78.51   64:eb:8c:78:00:51  epson-wf3720"
  "mq       192.168.78.60   b8:27:eb:78:00:60  mqtt-broker"
  "stb      192.168.78.70   f0:b4:29:78:00:70  mibox"
  "stb2     192.168.78.71   04:cf:8c:78:00:71  mibox-2"
  "pc2      192.168.78.80   f8:bc:12:78:00:80  office-pc"
  "pc3      192.168.78.81   18:03:73:78:00:81  office-pc-2"
  "ls1      192.168.78.90   10:6f:3f:78:00:90  linkstation"
  "ls2      192.168.78.91   00:14:ee:78:00:91  mycloud"
  "prn3     192.168.78.52   3c:2a:f4:78:00:52  brother-hl"
)
LAB_DEVICES="rt wcam cam2 nvr ap nas prn prn2 mq stb stb2 pc2 pc3 ls1 ls2 prn3"

lab_tcp_endpoints() {
  local d v p
  for d in $LAB_DEVICES; do
    v=L2_${d^^}_TCP
    for p in ${!v:-}; do echo "$d:$p"; done
  done
}

# What lab.sh's fingerprint adds for this set: a change here rebuilds the lab on the next `up`.
lab_set_fingerprint() {
  echo "set=second"
  env | grep -E '^LAB2_' | sort
  cat "$LAB2_DIR"/*.sh "$LAB2_DIR"/lab.env "$LAB2_DIR"/devices/*.sh "$LAB2_DIR"/files/* \
    "$LAB_DIR"/../helpers/pysnmp-agent.py "$LAB_DIR"/../helpers/adbd.py
}

# SNMP v2c GET of sysName from the scanner namespace.
snmp2_ready() {
  ip netns exec "$LAB_SCAN" snmpget -v2c -c "$LAB2_PRINTER_SNMP_COMMUNITY" -t 1 -r 0 -Oqv \
    "$(host_ip prn)" 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1
}

# The IPP printer's _ipp._tcp is published (one legacy-unicast DNS-SD query from the scanner).
ipp_mdns_ready() {
  ip netns exec "$LAB_SCAN" /usr/bin/python3 - "$(host_ip prn3)" <<'PY' >/dev/null 2>&1
import socket, struct, sys
name = b"".join(bytes([len(p)]) + p for p in (b"_ipp", b"_tcp", b"local")) + b"\0"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(1)
s.sendto(b"\0\1\0\0\0\1\0\0\0\0\0\0" + name + struct.pack(">HH", 12, 1), (sys.argv[1], 5353))
data = s.recv(4096)
sys.exit(0 if len(data) > 12 and struct.unpack(">H", data[6:8])[0] > 0 else 1)
PY
}

# At least 60 s (a loaded machine starts 16 devices' daemons more slowly than the first set's).
wait_healthy() {
  wait_ready $(($1 > 60 ? $1 : 60)) $(lab_tcp_endpoints) prn-snmp prn3-mdns
}

# check_ready CHECK: one readiness check of wait_healthy (see wait_ready in lib.sh).
check_ready() {
  case $1 in
    prn-snmp) snmp2_ready ;;
    prn3-mdns) ipp_mdns_ready ;;
    *) tcp_open "$(host_ip "${1%%:*}")" "${1##*:}" ;;
  esac
}

# ---- helpers shared by the second set's devices ------------------------------------------------

# A login "shell" that runs nothing it reads (test/lab/fake-shell.sh).
lab2_fake_shell() { # FILE
  install -m 755 "$LAB_DIR/fake-shell.sh" "$1"
}

# lab2_accounts DIR USER PASS: passwd/shadow/shells for one account (uid 65534, the fake shell),
# bind-mounted over /etc inside the daemon's own mount namespace only.
lab2_accounts() {
  local d=$1 user=$2 pass=$3 hash
  lab2_fake_shell "$d/shell.sh"
  hash=$(printf '%s\n' "$pass" | openssl passwd -6 -stdin)
  printf '%s:x:65534:65534:%s:/:%s\n' "$user" "$user" "$d/shell.sh" >"$d/passwd"
  printf '%s:%s:19000:0:99999:7:::\n' "$user" "$hash" >"$d/shadow"
  printf '%s\n' "$d/shell.sh" >"$d/shells"
  : >"$d/empty"
  chmod 644 "$d/passwd" "$d/shells" && chmod 600 "$d/shadow"
}

# lab2_private_etc DIR: the lines a start script runs first: private /etc account files, and
# private empty login records (utmp/wtmp/btmp/lastlog, where they exist: glibc never creates them),
# all bind mounts inside the daemon's own mount namespace only. (/run itself stays: the lab's state
# directory is under it.)
lab2_private_etc() {
  cat <<SH
set -e
mount --bind $1/passwd /etc/passwd
mount --bind $1/shadow /etc/shadow
mount --bind $1/shells /etc/shells
for f in /etc/motd /run/utmp /var/log/wtmp /var/log/btmp /var/log/lastlog; do
  if [ -e "\$f" ]; then mount --bind $1/empty "\$f"; fi
done
SH
}

# lab2_silent_port SHORT NAME PORT: a TCP port that accepts and closes (a DVR's binary control port).
lab2_silent_port() {
  lab_spawn "$2" "$1" -- /bin/busybox nc -ll -p "$3" -e /bin/true
}
