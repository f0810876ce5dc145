# shellcheck shell=bash
# diskstation (Synology OUI): vsftpd with anonymous FTP on 21, snmpd with
# community "public" on udp 161, p910nd raw printer port on 9100, and an
# avahi-daemon advertising _ftp._tcp and _pdl-datastream._tcp.
NAS_TCP="21 9100"

nas_up() {
  local d=$LAB_STATE/nas ip
  ip=$(host_ip nas)
  mkdir -p "$d/ftp/pub" "$d/empty" "$d/snmp" "$d/p910nd-lock" "$d/avahi-run" "$d/avahi-services"
  printf 'Mamori lab: harmless file on an anonymous FTP share.\n' >"$d/ftp/pub/README.txt"
  chmod 755 "$d/ftp" "$d/ftp/pub" "$d/empty" && chmod 644 "$d/ftp/pub/README.txt"
  cat >"$d/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=0.0.0.0
listen_port=21
background=NO
anonymous_enable=YES
no_anon_password=YES
anon_root=$d/ftp
local_enable=NO
write_enable=NO
anon_upload_enable=NO
anon_mkdir_write_enable=NO
dirmessage_enable=NO
pasv_enable=YES
pasv_min_port=30000
pasv_max_port=30009
connect_from_port_20=NO
secure_chroot_dir=$d/empty
seccomp_sandbox=NO
xferlog_enable=NO
ftpd_banner=Welcome to diskstation FTP service.
max_clients=20
idle_session_timeout=120
data_connection_timeout=60
CONF
  cat >"$d/snmpd.conf" <<CONF
# Mamori lab NAS: read-only community, system and interfaces groups only.
agentaddress udp:$ip:161
view nasview included .1.3.6.1.2.1.1
view nasview included .1.3.6.1.2.1.2
rocommunity $LAB_NAS_SNMP_COMMUNITY default -V nasview
sysDescr Linux diskstation 4.4.302+ #69057 SMP x86_64 GNU/Linux synology_geminilake_920+
sysName diskstation
sysLocation Home office
sysContact admin@diskstation.local
sysObjectID .1.3.6.1.4.1.6574.1
sysServices 76
dontLogTCPWrappersConnects yes
CONF
  avahi_write_conf nas "$d/avahi-daemon.conf"
  avahi_service "$d/avahi-services/ftp.service" "DiskStation FTP" _ftp._tcp 21 "path=/pub"
  avahi_service "$d/avahi-services/printer.service" "DiskStation Printer" _pdl-datastream._tcp 9100 "ty=Generic Raw Printer"

  lab_spawn nas-ftp nas -- /usr/sbin/vsftpd "$d/vsftpd.conf"
  SNMP_PERSISTENT_DIR=$d/snmp MIBS= \
    lab_spawn nas-snmp nas -- /usr/sbin/snmpd -f -Lo -C -I -smux -c "$d/snmpd.conf" -p "$d/snmpd.pid"
  ensure_host_dir /run/lock/p910nd
  lab_spawn nas-printer nas --bind "$d/p910nd-lock" /run/lock/p910nd \
    -- /usr/sbin/p910nd -d -f /dev/null 0
  avahi_spawn nas-mdns nas "$d"
}
