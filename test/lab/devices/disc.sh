# shellcheck shell=bash
# Helpers for the discovery devices (hgw, printer, appletv, hue, thermo, pc):
# a static lighttpd config and one readiness wait for all of them, since
# topology.sh's health check knows the original devices only.
DISC_DEVICES="hgw printer appletv hue thermo pc"

# disc_lighttpd_conf DIR PORT SERVER-TAG: serves DIR/www read-only.
disc_lighttpd_conf() {
  lighttpd_conf_head "$1" "$2" "$3"
  echo 'mimetype.assign = (".xml" => "text/xml")'
}

# disc_avahi DIR SHORT: an avahi-daemon for SHORT with the services in DIR/avahi-services.
disc_avahi() {
  mkdir -p "$1/avahi-run"
  avahi_write_conf "$2" "$1/avahi-daemon.conf"
  avahi_spawn "$2-mdns" "$2" "$1"
}

# Runs last (see LAB_DEVICES): waits until every discovery device answers, at most 20 s.
disc_up() {
  local d pending
  for d in $DISC_DEVICES; do
    wait_until 20 "${d}_ready" || pending+=" $d"
  done
  [ -z "${pending:-}" ] || { log "discovery devices not ready:$pending"; return 1; }
}

# Ready when avahi has started and published every service file of DIR.
disc_avahi_ready() { avahi_ready "$1-mdns" "$LAB_STATE/$1"; }
