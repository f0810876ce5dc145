# shellcheck shell=bash
# gateway (Nabu Casa OUI): a Home Assistant-style home gateway done mostly
# right. Its MQTT broker (mosquitto) needs a password on both listeners — plain
# 1883 and TLS 8883 (TLS 1.2+, self-signed certificate naming the device) —
# and a CoAP server (libcoap coap-server) answers on udp 5683.
# Expected: cleartext-service mqtt/1883 (logins on a plain port) and
# tls-weakness mqtts/8883 (self-signed); NO anonymous-access: the broker
# refuses a CONNECT without credentials. The broker password is random per lab
# (a strong owner password, not a planted weakness) and kept in the state dir.
GATEWAY_TCP="1883 8883"

gateway_up() {
  local d=$LAB_STATE/gateway ip
  ip=$(host_ip gateway)
  mkdir -p "$d/run"
  openssl rand -hex 16 >"$d/owner-password"
  : >"$d/passwd"
  mosquitto_passwd -b "$d/passwd" owner "$(cat "$d/owner-password")" >/dev/null 2>&1 ||
    { log "gateway: mosquitto_passwd failed"; return 1; }
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
    -subj "/CN=homeassistant.local/O=Mamori Lab" -addext "subjectAltName=DNS:homeassistant.local,IP:$ip" \
    -keyout "$d/tls.key" -out "$d/tls.crt" 2>/dev/null
  chmod 600 "$d/tls.key" "$d/passwd" "$d/owner-password"
  chown mosquitto: "$d/run" "$d/tls.key" "$d/passwd" # mosquitto drops root before reading these
  cat >"$d/mosquitto.conf" <<CONF
# Mamori lab gateway: password on every listener; 8883 is TLS.
pid_file $d/run/mosquitto.pid
persistence false
log_dest stderr
log_type error
log_type warning
per_listener_settings true
listener 1883 0.0.0.0
allow_anonymous false
password_file $d/passwd
listener 8883 0.0.0.0
allow_anonymous false
password_file $d/passwd
certfile $d/tls.crt
keyfile $d/tls.key
tls_version tlsv1.2
CONF
  lab_spawn gateway-mqtt gateway -- /usr/sbin/mosquitto -c "$d/mosquitto.conf"
  lab_spawn gateway-coap gateway -- /usr/bin/coap-server-notls -A "$ip" -p 5683 -v 3
  local p
  for p in $GATEWAY_TCP; do wait_until 10 tcp_open "$ip" "$p" || { log "gateway: port $p not answering"; return 1; }; done
}
