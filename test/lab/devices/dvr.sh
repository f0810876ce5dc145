# shellcheck shell=bash
# dvr (Dahua OUI): a cheap network video recorder whose logins ACCEPT ANY
# PASSWORD: busybox telnetd with a fake login program on 23 and lighttpd with
# a CGI doing HTTP Basic on 80. Expected: one default-credentials finding per
# service saying it accepts anything (plus the cleartext ones). Each login try
# is counted in $LAB_STATE/dvr/{telnet,http}-tries (times only, no secrets).
DVR_TCP="23 80"

dvr_up() {
  local d=$LAB_STATE/dvr
  mkdir -p "$d/www/cgi"
  : >"$d/telnet-tries"
  : >"$d/http-tries"
  chown www-data: "$d/http-tries"
  install -m 755 "$LAB_DIR/files/dvr-web.cgi" "$d/www/cgi/dvr-web.cgi"
  chmod -R a+rX "$d/www"
  { lighttpd_conf_head "$d" 80 "DNVRS-Webs" '"mod_rewrite", "mod_setenv", "mod_cgi"'
    cat <<CONF
url.rewrite-once = ("^.*$" => "/cgi/dvr-web.cgi")
cgi.assign = (".cgi" => "")
setenv.set-environment = ("DVR_TRIES" => "$d/http-tries")
CONF
  } >"$d/lighttpd.conf"
  { printf '#!/bin/bash\nLAB_HOST=%q\nLAB_TRIES=%q\n' "$(host_name dvr)" "$d/telnet-tries"
    cat "$LAB_DIR/files/dvr-login.sh"; } >"$d/login.sh"
  chmod 700 "$d/login.sh"
  : >"$d/issue.net"
  lab_spawn dvr-http dvr -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
  lab_spawn dvr-telnet dvr -- /bin/busybox telnetd -F -p 23 -f "$d/issue.net" -l "$d/login.sh"
  wait_until 10 dvr_wait || { log "dvr: telnet/http not answering"; return 1; }
}

# topology.sh's health check covers the original devices only: wait for ours here.
dvr_wait() { tcp_open "$(host_ip dvr)" 23 && tcp_open "$(host_ip dvr)" 80; }

# dvr_request_mapping DESCRIPTION-URL: "UPnP: on", as DVRs ship. The DVR asks the
# home gateway (hgw) to forward external TCP 8080 to its web page on port 80, with
# miniupnpc's client. One try per call: hgw_ready retries it, bounded by wait_until.
DVR_UPNP_EXTERNAL_PORT=8080
dvr_request_mapping() {
  local d=$LAB_STATE/dvr ip
  ip=$(host_ip dvr)
  [ -f "$d/upnp-mapped" ] && return 0
  run_in dvr timeout 5 upnpc -u "$1" -e "DVR Web Viewer" -a "$ip" 80 "$DVR_UPNP_EXTERNAL_PORT" TCP \
    >>"$LAB_STATE/logs/dvr-upnpc.log" 2>&1 || return 1
  grep -q "$DVR_UPNP_EXTERNAL_PORT TCP is redirected to internal $ip:80" "$LAB_STATE/logs/dvr-upnpc.log" &&
    touch "$d/upnp-mapped"
}
