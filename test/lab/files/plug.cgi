#!/bin/bash
# Mamori lab smart plug: a Tasmota-like HTTP API with NO authentication.
# /cm?cmnd=Power[ On|Off|Toggle], /cm?cmnd=Status and /api/status return JSON.
# Only a fixed set of commands is recognised; input is never evaluated.
state=${PLUG_STATE:?}/power
power=$(cat "$state" 2>/dev/null) || power=ON
q=${QUERY_STRING:-cmnd=Status}
cmnd=${q#*cmnd=}
[ "$cmnd" = "$q" ] && cmnd=Status
cmnd=${cmnd%%&*}
cmnd=${cmnd//+/ }
cmnd=${cmnd//%20/ }
cmnd=$(printf '%s' "$cmnd" | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9 ')

set_power() { power=$1; printf '%s\n' "$power" >"$state.tmp" && mv -f "$state.tmp" "$state"; }

case $cmnd in
  power) body="{\"POWER\":\"$power\"}" ;;
  "power on" | "power 1") set_power ON; body="{\"POWER\":\"$power\"}" ;;
  "power off" | "power 0") set_power OFF; body="{\"POWER\":\"$power\"}" ;;
  "power toggle" | "power 2")
    if [ "$power" = ON ]; then set_power OFF; else set_power ON; fi
    body="{\"POWER\":\"$power\"}" ;;
  status | "status 0")
    p=0; [ "$power" = ON ] && p=1
    body="{\"Status\":{\"Module\":6,\"DeviceName\":\"Kitchen Plug\",\"FriendlyName\":[\"Kitchen Plug\"],\"Topic\":\"tasmota_770016\",\"Power\":$p},"
    body+="\"StatusNET\":{\"Hostname\":\"smart-plug\",\"IPAddress\":\"10.77.0.16\",\"Mac\":\"2C:F4:32:77:00:16\"},"
    body+="\"StatusFWR\":{\"Version\":\"13.1.0(tasmota)\",\"Hardware\":\"ESP8266EX\"}}" ;;
  *) body='{"Command":"Unknown"}' ;;
esac
printf 'Content-Type: application/json\r\nCache-Control: no-store\r\n\r\n%s\n' "$body"
