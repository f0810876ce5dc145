# shellcheck shell=bash
# hostile (Tuya OUI): a host that misbehaves on purpose (files/hostile.py):
# TARPIT ports accept and never speak, a 10 MB BANNER (on 21 it starts like an
# endless FTP 220- reply), RESET ports accept then reset, and TRICKLE ports send
# a text one byte every 100 ms and never close. The scan must finish on time,
# audit every other device, and raise nothing here. It sits at .66, outside
# 10.77.0.0/26, so a scan of the /26 measures the lab without it.
HOSTILE_TCP="21 23 80 443 554 1883 2323 8000 8080 8443 8554"
HOSTILE_PORTS="tarpit=80,443,554,1883,8443;banner=21,8000;reset=8080,8554;trickle=23,2323"

hostile_up() {
  HOSTILE_PORTS=$HOSTILE_PORTS LAB_MAX_SECONDS=$((LAB_MAX_TTL + 300)) \
    lab_spawn hostile hostile -- /usr/bin/python3 "$LAB_DIR/files/hostile.py"
  local p
  for p in $HOSTILE_TCP; do wait_until 10 tcp_open "$(host_ip hostile)" "$p" || { log "hostile: port $p not answering"; return 1; }; done
}
