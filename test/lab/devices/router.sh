# shellcheck shell=bash
# router (ASUSTek OUI): the web UI's FORM login in the style of ASUSWRT
# (lighttpd + files/router-web.cgi) with the factory pair from lab.env
# (LAB_ROUTER_HTTP_USER / LAB_ROUTER_HTTP_PASS). Login tries are counted in
# $LAB_STATE/router/state/tries (times only, no secrets).
ROUTER_TCP="80"

router_up() {
  local d=$LAB_STATE/router
  mkdir -p "$d/www/cgi" "$d/state"
  : >"$d/state/tries"
  chown -R www-data: "$d/state"
  install -m 755 "$LAB_DIR/files/router-web.cgi" "$d/www/cgi/router-web.cgi"
  chmod -R a+rX "$d/www"
  { lighttpd_conf_head "$d" 80 "httpd/2.0" '"mod_rewrite", "mod_setenv", "mod_cgi"'
    cat <<CONF
url.rewrite-once = ("^.*$" => "/cgi/router-web.cgi")
cgi.assign = (".cgi" => "")
setenv.set-environment = ("ROUTER_STATE" => "$d/state", "ROUTER_USER" => "$LAB_ROUTER_HTTP_USER", "ROUTER_PASS" => "$LAB_ROUTER_HTTP_PASS")
CONF
  } >"$d/lighttpd.conf"
  chmod 600 "$d/lighttpd.conf"
  lab_spawn router-http router -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
  # topology.sh's health check covers the original devices only: wait for ours here.
  wait_until 10 tcp_open "$(host_ip router)" 80 || { log "router: http not answering"; return 1; }
}
