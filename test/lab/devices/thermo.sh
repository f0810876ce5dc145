# shellcheck shell=bash
# tado-thermostat (tado GmbH, an MA-S block: 00:1b:c5:07:3): a HomeKit
# thermostat (_hap._tcp, ci=9). It is the device that moves: `lab.sh
# move-device` gives it 10.77.0.45 live (avahi re-announces), `move-device
# back` returns it to 10.77.0.44.
THERMO_AWAY_IP="10.77.0.45"

thermo_up() {
  local d=$LAB_STATE/thermo
  mkdir -p "$d/avahi-services"
  avahi_service "$d/avahi-services/hap.service" "tado Smart Thermostat 3A44" _hap._tcp 80 \
    "c#=2" "ff=1" "id=3A:44:07:C5:1B:00" "md=Smart Thermostat V3+" "pv=1.1" "s#=1" "sf=1" "ci=9" "sh=kZ0tEw=="
  disc_avahi "$d" thermo
}

thermo_ready() { disc_avahi_ready thermo; }

# thermo_move [back]: swap the thermostat's IPv4 address, live.
thermo_move() {
  local home away from to
  home=$(host_ip thermo) away=$THERMO_AWAY_IP
  if [ "${1:-}" = back ]; then from=$away to=$home; else from=$home to=$away; fi
  ip -n "${LAB_NS_PREFIX}thermo" -br addr show dev eth0 | grep -qw "$from/$LAB_CIDR" || die "thermostat is not at $from"
  # Delete first: deleting a primary address also deletes the secondaries of its subnet.
  ip -n "${LAB_NS_PREFIX}thermo" addr del "$from/$LAB_CIDR" dev eth0
  ip -n "${LAB_NS_PREFIX}thermo" addr add "$to/$LAB_CIDR" dev eth0
  ip -n "${LAB_NS_PREFIX}thermo" route replace 224.0.0.0/4 dev eth0 # went with the last address
  # Away, the lab differs from expected.json: the next `up` rebuilds it unless it moved back.
  if [ "$to" = "$home" ]; then lab_fingerprint >"$LAB_STATE/fingerprint"; else echo modified >"$LAB_STATE/fingerprint"; fi
  log "thermostat moved from $from to $to"
}
