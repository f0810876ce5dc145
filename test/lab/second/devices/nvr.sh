# shellcheck shell=bash
# nvr (Amcrest OUI): a network video recorder whose web UI asks for HTTP Digest, played by Apache
# httpd's mod_auth_digest (the first set's Digest is GStreamer RTSP and its web Basic is lighttpd),
# on port 8000, with the factory pair admin/admin; 37777 is the Dahua-family control port.
# nas (QNAP OUI, below) runs the same Apache with a unique password: the Digest negative control.
L2_NVR_TCP="8000 37777"

# lab2_apache_digest SHORT NAME PORT USER PASS REALM
lab2_apache_digest() {
  local s=$1 d=$LAB_STATE/$2 m
  mkdir -p "$d/www" "$d/run"
  chmod 755 "$d"
  printf '<html><head><title>WEB SERVICE</title></head><body>Live view</body></html>\n' >"$d/www/index.html"
  printf '%s:%s:%s\n' "$4" "$6" "$(printf '%s:%s:%s' "$4" "$6" "$5" | md5sum | cut -c1-32)" >"$d/htdigest"
  chmod 644 "$d/htdigest" && chmod -R a+rX "$d/www"
  { echo "ServerRoot $d"
    for m in mpm_prefork authn_core authz_core authn_file authz_user auth_digest dir; do
      echo "LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so"
    done
    cat <<CONF
Listen 0.0.0.0:$3
ServerName $(host_name "$s")
ServerTokens Prod
DefaultRuntimeDir $d/run
PidFile $d/run/httpd.pid
Mutex file:$d/run default
ErrorLog $d/error.log
User www-data
Group www-data
StartServers 1
MaxRequestWorkers 8
DocumentRoot $d/www
DirectoryIndex index.html
<Location "/">
  AuthType Digest
  AuthName "$6"
  AuthDigestProvider file
  AuthUserFile $d/htdigest
  Require valid-user
</Location>
CONF
  } >"$d/httpd.conf"
  lab_spawn "$2" "$s" -- /usr/sbin/apache2 -DFOREGROUND -f "$d/httpd.conf"
}

nvr_up() {
  lab2_apache_digest nvr nvr-http 8000 "$LAB2_NVR_HTTP_USER" "$LAB2_NVR_HTTP_PASS" "Login to AMC0001NVR"
  lab2_silent_port nvr nvr-dvr 37777
}
