# shellcheck shell=bash
# prn (HP OUI): a printer whose SNMP agent speaks ONLY v1/v2c (pysnmp's agent, test/helpers/
# pysnmp-agent.py: no answer to SNMPv3 discovery, as many printers' agents), read-only community
# "public", a JetDirect sysDescr. prn2 (Epson OUI): a printer web UI with a login form that never
# accepts any pair (lighttpd + files/webform-router.cgi in "never" mode): the generic form engine's
# negative control.
L2_PRN_TCP=""
L2_PRN2_TCP="80"

prn_up() {
  local d=$LAB_STATE/prn
  mkdir -p "$d"
  MAX_SECONDS=$((LAB_MAX_TTL + 300)) lab_spawn prn-snmp prn -- /usr/bin/python3 "$LAB_DIR/../helpers/pysnmp-agent.py" 161 \
    --host 0.0.0.0 --ro "$LAB2_PRINTER_SNMP_COMMUNITY" --name hp-officejet \
    --descr "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012,CIDATE 02/05/2020" \
    --object-id 1.3.6.1.4.1.11.2.3.9.1
}

prn2_up() {
  lab2_webform_lighttpd prn2 prn2-http 80 admin "$LAB2_GOOD_PASS" never "EPSON WF-3720 Series" "EPSON_Linux UPnP/1.0 Epson UPnP SDK/1.0"
}
