# shellcheck shell=bash
# hostile (Tuya OUI): a host that misbehaves on purpose (files/hostile.py):
# TARPIT ports accept and never speak, a 10 MB BANNER (on 21 it starts like an
# endless FTP 220- reply), RESET ports accept then reset, TRICKLE ports send
# a text one byte every 100 ms and never close; and issue #21's hostile input:
# HTTP answers built to make header (80) and title (8080) parsing quadratic, a
# TLS certificate whose date cannot be read (8443), and mDNS answers that took
# dns-packet's decoder out of memory (UDP 5353, to legacy-unicast queries).
# The scan must finish on time, audit every other device, name 80/8080 http and
# 8443 https, and raise nothing here. It sits at .66, outside 10.77.0.0/26, so a
# scan of the /26 measures the lab without it.
HOSTILE_TCP="21 23 80 443 554 1883 2323 8000 8080 8443 8554"
HOSTILE_PORTS="tarpit=443,554,1883;banner=21,8000;reset=8554;trickle=23,2323;httpauth=80;httptitle=8080;badcert=8443"

hostile_up() {
  HOSTILE_PORTS=$HOSTILE_PORTS LAB_MAX_SECONDS=$((LAB_MAX_TTL + 300)) \
    lab_spawn hostile hostile -- /usr/bin/python3 "$LAB_DIR/files/hostile.py"
  local p
  for p in $HOSTILE_TCP; do wait_until 10 tcp_open "$(host_ip hostile)" "$p" || { log "hostile: port $p not answering"; return 1; }; done
}
