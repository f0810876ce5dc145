# shellcheck shell=bash
# rt (TP-Link OUI): a router's web UI with a plain HTML login form, a per-session CSRF token and a
# session cookie (lighttpd + files/webform-router.cgi), TP-Link's factory pair admin/admin. No
# brand row matches it: only the generic form engine can find the pair.
L2_RT_TCP="80"

# lab2_webform_lighttpd SHORT NAME PORT USER PASS MODE TITLE SERVER-TAG
lab2_webform_lighttpd() {
  local s=$1 d=$LAB_STATE/$2
  mkdir -p "$d/www/cgi-bin" "$d/state"
  chown -R www-data: "$d/state"
  install -m 755 "$LAB_DIR/files/webform-router.cgi" "$d/www/cgi-bin/router.cgi"
  chmod -R a+rX "$d/www"
  { lighttpd_conf_head "$d" "$3" "$8" '"mod_rewrite", "mod_setenv", "mod_cgi"'
    cat <<CONF
url.rewrite-once = ("^.*$" => "/cgi-bin/router.cgi")
cgi.assign = (".cgi" => "")
setenv.set-environment = ("WEBFORM_STATE" => "$d/state", "WEBFORM_USER" => "$4", "WEBFORM_PASS" => "$5", "WEBFORM_MODE" => "$6", "WEBFORM_TITLE" => "$7", "WEBFORM_LOCK_AFTER" => "8")
CONF
  } >"$d/lighttpd.conf"
  chmod 600 "$d/lighttpd.conf"
  lab_spawn "$2" "$s" -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
}

rt_up() {
  lab2_webform_lighttpd rt rt-http 80 "$LAB2_ROUTER_HTTP_USER" "$LAB2_ROUTER_HTTP_PASS" normal "TL-WR840N" "lighttpd/1.4"
}
