# shellcheck shell=bash
# living-room-speaker (Google OUI): only mDNS. avahi-daemon advertises a Google
# Cast and a Google zone service; no TCP port of the scan port list is open.
SPEAKER_TCP=""

speaker_up() {
  local d=$LAB_STATE/speaker
  mkdir -p "$d/avahi-run" "$d/avahi-services"
  avahi_write_conf speaker "$d/avahi-daemon.conf"
  avahi_service "$d/avahi-services/googlecast.service" "Google-Home-Mini-7f3a9c" _googlecast._tcp 8009 \
    "id=7f3a9c2e51d04b6e8a1f0c9d3b2e4a61" "md=Google Home Mini" "fn=Living Room speaker" "ve=05" "ca=199172" "st=0"
  avahi_service "$d/avahi-services/googlezone.service" "7f3a9c2e-51d0-4b6e-8a1f-0c9d3b2e4a61" _googlezone._tcp 10001 \
    "id=7f3a9c2e51d04b6e8a1f0c9d3b2e4a61"
  avahi_spawn speaker-mdns speaker "$d"
}
