# shellcheck shell=bash
# ip-camera (Hikvision OUI): lighttpd (HTTP Basic, factory pair), busybox
# telnetd with a fake login, GStreamer RTSP server (Digest auth) on 554.
CAM_TCP="23 80 554"
CAM_REALM="DS-2CD2042WD-I"

cam_write_users() { # USER PASS -> lighttpd plain user file (re-read per request)
  local f=$LAB_STATE/cam/http-users
  printf '%s:%s\n' "$1" "$2" >"$f.tmp"
  chown root:www-data "$f.tmp" && chmod 640 "$f.tmp" && mv -f "$f.tmp" "$f"
}

cam_up() {
  local d=$LAB_STATE/cam
  mkdir -p "$d/www/ISAPI/System"
  cam_write_users "$LAB_CAM_HTTP_USER" "$LAB_CAM_HTTP_PASS"
  { lighttpd_conf_head "$d" 80 "App-webs/" '"mod_auth", "mod_authn_file"'
    cat <<CONF
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html", ".xml" => "application/xml", "" => "application/xml")
auth.backend = "plain"
auth.backend.plain.userfile = "$d/http-users"
auth.require = ("/" => ("method" => "basic", "realm" => "$CAM_REALM", "require" => "valid-user"))
CONF
  } >"$d/lighttpd.conf"
  cat >"$d/www/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>IP Camera</title></head>
<body><h1>Network Camera DS-2CD2042WD-I</h1><p>Live view: rtsp://&lt;camera&gt;/Streaming/Channels/101</p></body></html>
HTML
  cat >"$d/www/ISAPI/System/deviceInfo" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<DeviceInfo version="1.0" xmlns="http://www.hikvision.com/ver10/XMLSchema">
<deviceName>cam-frontdoor</deviceName>
<model>DS-2CD2042WD-I</model>
<serialNumber>DS-2CD2042WD-I20160101AAWR000000001</serialNumber>
<macAddress>a4:14:37:77:00:11</macAddress>
<firmwareVersion>V5.4.0</firmwareVersion>
<firmwareReleasedDate>build 160530</firmwareReleasedDate>
<deviceType>IPCamera</deviceType>
</DeviceInfo>
XML
  chmod -R a+rX "$d/www"

  # Telnet: fake login program (never a real shell). Credentials baked in.
  { printf '#!/bin/bash\nLAB_USER=%q\nLAB_PASS=%q\nLAB_HOST=%q\n' \
      "$LAB_CAM_TELNET_USER" "$LAB_CAM_TELNET_PASS" "$(host_name cam)"
    cat "$LAB_DIR/files/cam-login.sh"; } >"$d/login.sh"
  chmod 700 "$d/login.sh"
  : >"$d/issue.net" # telnetd would otherwise print the host's /etc/issue.net

  lab_spawn cam-http cam -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
  lab_spawn cam-telnet cam -- /bin/busybox telnetd -F -p 23 -f "$d/issue.net" -l "$d/login.sh"
  LAB_MAX_SECONDS=$((LAB_MAX_TTL + 300)) \
    lab_spawn cam-rtsp cam -- /usr/bin/python3 "$LAB_DIR/files/cam-rtsp.py"
}

# cam_set_password NEWPASS: live change of the HTTP admin password.
cam_set_password() {
  local new=$1 pid
  cam_write_users "$LAB_CAM_HTTP_USER" "$new"
  # mod_authn_file re-reads the user file on every request; check it, and
  # restart only this lighttpd (by its PID) if the old password still works.
  if ! wait_until 2 cam_http_auth_is "$LAB_CAM_HTTP_USER" "$new" 200; then
    pid=$(pid_get cam-http) && stop_pid "$pid"
    lab_spawn cam-http cam -- /usr/sbin/lighttpd -D -f "$LAB_STATE/cam/lighttpd.conf"
    wait_until 5 cam_http_auth_is "$LAB_CAM_HTTP_USER" "$new" 200 || return 1
  fi
}

# cam_http_auth_is USER PASS CODE: HTTP status of GET / with Basic auth (from mamori-scan).
cam_http_auth_is() {
  local code
  code=$(ip netns exec "$LAB_SCAN" timeout 2 bash -c '
    exec 3<>/dev/tcp/$0/80 || exit 1
    printf "GET / HTTP/1.0\r\nAuthorization: Basic %s\r\n\r\n" "$1" >&3
    head -c 12 <&3' "$(host_ip cam)" "$(printf '%s:%s' "$1" "$2" | base64 -w0)" 2>/dev/null)
  [ "${code:9:3}" = "$3" ]
}
