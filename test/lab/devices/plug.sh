# shellcheck shell=bash
# smart-plug (Espressif OUI): unauthenticated Tasmota-like JSON API on 80
# (lighttpd + a tiny CGI) and UPnP/SSDP on udp 1900 (minissdpd answers
# M-SEARCH with LOCATION http://10.77.0.16:80/description.xml).
PLUG_TCP="80"
PLUG_UUID="uuid:5f2c1a8e-7716-4c2a-9f00-2cf432770016"

plug_up() {
  local d=$LAB_STATE/plug ip
  ip=$(host_ip plug)
  mkdir -p "$d/www/cgi" "$d/state"
  echo ON >"$d/state/power"
  chown -R www-data: "$d/state"
  install -m 755 "$LAB_DIR/files/plug.cgi" "$d/www/cgi/plug.cgi"
  printf '<!DOCTYPE html>\n<html><head><title>Kitchen Plug - Main Menu</title></head><body><h2>Kitchen Plug</h2><p>Tasmota 13.1.0</p></body></html>\n' >"$d/www/index.html"
  cat >"$d/www/description.xml" <<XML
<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
<specVersion><major>1</major><minor>0</minor></specVersion>
<URLBase>http://$ip:80/</URLBase>
<device>
<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>
<friendlyName>Kitchen Plug</friendlyName>
<manufacturer>Sonoff</manufacturer>
<manufacturerURL>https://sonoff.tech</manufacturerURL>
<modelDescription>Smart plug with Tasmota firmware</modelDescription>
<modelName>S26R2</modelName>
<modelNumber>S26R2TPF</modelNumber>
<serialNumber>770016</serialNumber>
<UDN>$PLUG_UUID</UDN>
<presentationURL>http://$ip:80/</presentationURL>
</device>
</root>
XML
  chmod -R a+rX "$d/www"
  { lighttpd_conf_head "$d" 80 "Tasmota/13.1.0 (ESP8266EX)" '"mod_rewrite", "mod_setenv", "mod_cgi"'
    cat <<CONF
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html", ".xml" => "text/xml", ".json" => "application/json")
url.rewrite-once = ("^/cm(\\?.*)?\$" => "/cgi/plug.cgi\$1", "^/api/status\$" => "/cgi/plug.cgi?cmnd=Status")
cgi.assign = (".cgi" => "")
setenv.set-environment = ("PLUG_STATE" => "$d/state")
CONF
  } >"$d/lighttpd.conf"
  lab_spawn plug-http plug -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
  lab_spawn plug-ssdp plug -- /usr/sbin/minissdpd -d -i eth0 -s "$d/minissdpd.sock" -p "$d/minissdpd.pid"
}

# Register the device's SSDP services once minissdpd's socket exists.
plug_submit_ssdp() {
  local d=$LAB_STATE/plug
  [ -S "$d/minissdpd.sock" ] || return 1
  /usr/bin/python3 "$LAB_DIR/files/ssdp-submit.py" "$d/minissdpd.sock" \
    "Linux/4.14 UPnP/1.0 Tasmota/13.1.0" "http://$(host_ip plug):80/description.xml" \
    "$PLUG_UUID" upnp:rootdevice "$PLUG_UUID" urn:schemas-upnp-org:device:Basic:1
}
