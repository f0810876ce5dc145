# shellcheck shell=bash
# mqtt-hub (Xiaomi OUI): mosquitto on 1883 with anonymous access, plus a few
# retained "sensor" messages so an anonymous subscriber sees real data.
HUB_TCP="1883"

hub_up() {
  local d=$LAB_STATE/hub
  mkdir -p "$d/data" "$d/run"
  chown mosquitto: "$d/data" "$d/run" # mosquitto drops root before writing these
  cat >"$d/mosquitto.conf" <<CONF
# Mamori lab hub: deliberately open broker.
pid_file $d/run/mosquitto.pid
persistence false
persistence_location $d/data/
log_dest stderr
log_type error
log_type warning
log_type notice
log_type information
listener 1883 0.0.0.0
allow_anonymous true
CONF
  lab_spawn hub-mqtt hub -- /usr/sbin/mosquitto -c "$d/mosquitto.conf"
}

# Retained demo messages, published inside mamori-hub over its own loopback.
hub_seed() {
  local t m
  while read -r t m; do
    run_in hub timeout 3 mosquitto_pub -h 127.0.0.1 -p 1883 -i mamori-lab-seed -r -q 1 -t "$t" -m "$m" || return 1
  done <<'MSGS'
home/livingroom/temperature {"value":21.4,"unit":"C"}
home/livingroom/humidity {"value":48,"unit":"%"}
home/frontdoor/lock {"state":"locked","battery":87}
zigbee2mqtt/bridge/state {"state":"online"}
MSGS
}
