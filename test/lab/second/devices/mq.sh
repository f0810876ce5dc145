# shellcheck shell=bash
# mq (Raspberry Pi Foundation OUI): a home-automation hub whose MQTT broker is aedes (Node.js; the
# first set's brokers are mosquitto) and requires a password: EMQX's published default admin/public.
L2_MQ_TCP="1883"

mq_up() {
  local node
  node=${LAB_NODE:-$(command -v node)} || die "mq: node not found (set LAB_NODE)"
  LAB_MQTT_USER=$LAB2_MQ_MQTT_USER LAB_MQTT_PASS=$LAB2_MQ_MQTT_PASS MAX_SECONDS=$((LAB_MAX_TTL + 300)) \
    lab_spawn mq-mqtt mq -- "$node" "$LAB2_DIR/files/aedes-lab.mjs"
}
