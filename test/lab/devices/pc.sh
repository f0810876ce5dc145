# shellcheck shell=bash
# kano-pc (Kano Computing, an MA-M block: 18:74:e2:8): a Windows-style PC
# that only speaks NetBIOS: Samba's nmbd registers KANO-PC in WORKGROUP and
# answers node status queries on udp 137. No TCP port.

pc_up() {
  local d=$LAB_STATE/pc
  mkdir -p "$d/lock" "$d/state" "$d/cache" "$d/private" "$d/run" "$d/ncalrpc"
  cat >"$d/smb.conf" <<CONF
[global]
netbios name = KANO-PC
workgroup = WORKGROUP
server string = Kano PC
server role = standalone server
interfaces = eth0
bind interfaces only = yes
disable netbios = no
local master = no
preferred master = no
domain master = no
dns proxy = no
lock directory = $d/lock
state directory = $d/state
cache directory = $d/cache
private dir = $d/private
pid directory = $d/run
ncalrpc dir = $d/ncalrpc
log file = $d/nmbd.log
log level = 1
CONF
  lab_spawn pc-nmbd pc -- /usr/sbin/nmbd --foreground --no-process-group --configfile="$d/smb.conf"
}

# Ready once nmbd answers a node status query from the scanner with its name.
pc_ready() {
  ip netns exec "$LAB_SCAN" timeout 3 nmblookup -A "$(host_ip pc)" 2>/dev/null | grep -q 'KANO-PC *<00>'
}
