# shellcheck shell=bash
# ls1 (BUFFALO OUI): a LinkStation-style NAS whose Samba (smbd) shares a folder to guests and still
# accepts SMB1 (NT1), as old NAS firmware did. ls2 (Western Digital OUI): Samba well configured (no
# guest, no anonymous listing, SMB2 or later): the negative control. Recipe from
# test/helpers/smb-servers.ts (sambaConfig); every path Samba writes is in the lab's state directory.
L2_LS1_TCP="445"
L2_LS2_TCP="445"

lab2_samba() { # SHORT NAME GUEST(yes|no)
  local s=$1 d=$LAB_STATE/$2 sub
  for sub in lock state cache private pid ncalrpc share; do mkdir -p "$d/$sub"; done
  printf 'Mamori lab: a harmless file on a NAS share.\n' >"$d/share/README.txt"
  chmod -R a+rX "$d/share"
  local minproto=SMB2_02 guest=Never restrict=2 ok=no
  if [ "$3" = yes ]; then minproto=NT1 guest="Bad User" restrict=0 ok=yes; fi
  cat >"$d/smb.conf" <<CONF
[global]
netbios name = $(host_name "$s" | tr '[:lower:]' '[:upper:]' | cut -c1-15)
workgroup = WORKGROUP
server role = standalone server
interfaces = eth0
bind interfaces only = yes
smb ports = 445
disable netbios = yes
server min protocol = $minproto
map to guest = $guest
restrict anonymous = $restrict
load printers = no
printing = bsd
printcap name = /dev/null
disable spoolss = yes
lock directory = $d/lock
state directory = $d/state
cache directory = $d/cache
private dir = $d/private
pid directory = $d/pid
ncalrpc dir = $d/ncalrpc
log file = $d/log
log level = 1
[public]
path = $d/share
read only = yes
comment = Family photos
guest ok = $ok
CONF
  lab_spawn "$2" "$s" -- /usr/sbin/smbd --foreground --no-process-group --debug-stdout -s "$d/smb.conf"
}

ls1_up() { lab2_samba ls1 ls1-smb yes; }
ls2_up() { lab2_samba ls2 ls2-smb no; }
