# shellcheck shell=bash
# nvr (Reolink OUI): an old network video recorder. Its web UI is HTTPS only,
# but from another age: lighttpd offering TLS 1.0 and 1.1 (OpenSSL security
# level 0) with a self-signed certificate that EXPIRED in 2019 and names
# "IPC", not the device. Its RTSP server (gst-rtsp-server, files/rtsp-server.py)
# serves the main and sub streams to anyone, without a credential.
# Expected: tls-weakness https/443 (self-signed, expired, name mismatch,
# TLS 1.0/1.1), anonymous-access + cleartext-service rtsp/554.
NVR_TCP="443 554"
NVR_RTSP_PATHS="/h264Preview_01_main,/h264Preview_01_sub"

# nvr_old_certificate DIR: a self-signed RSA certificate valid 2016-03-01..2019-03-01.
# `openssl req -x509` cannot back-date before OpenSSL 3.4; a throwaway `openssl ca`
# with -selfsign takes -startdate/-enddate.
nvr_old_certificate() {
  local d=$1
  mkdir -p "$d/ca/new"
  : >"$d/ca/index.txt"
  echo 1000 >"$d/ca/serial"
  cat >"$d/ca/ca.cnf" <<CONF
[ ca ]
default_ca = old
[ old ]
dir = $d/ca
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
default_md = sha256
policy = any
unique_subject = no
[ any ]
commonName = supplied
organizationName = optional
CONF
  openssl req -new -newkey rsa:2048 -nodes -subj "/CN=IPC/O=NVR" \
    -keyout "$d/tls.key" -out "$d/ca/tls.csr" 2>/dev/null &&
    openssl ca -batch -notext -config "$d/ca/ca.cnf" -selfsign -keyfile "$d/tls.key" \
      -in "$d/ca/tls.csr" -out "$d/tls.crt" -startdate 20160301000000Z -enddate 20190301000000Z 2>/dev/null
}

nvr_up() {
  local d=$LAB_STATE/nvr
  mkdir -p "$d/www"
  nvr_old_certificate "$d" || { log "nvr: could not make the certificate"; return 1; }
  chmod 600 "$d/tls.key"
  cat >"$d/www/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>NVR</title></head>
<body><form method="post" action="/api.cgi?cmd=Login"><input name="user"><input type="password" name="password"><button>Login</button></form></body></html>
HTML
  chmod -R a+rX "$d/www"
  { lighttpd_conf_head "$d" 443 "nginx" '"mod_openssl"'
    cat <<CONF
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html")
ssl.engine = "enable"
ssl.pemfile = "$d/tls.crt"
ssl.privkey = "$d/tls.key"
ssl.openssl.ssl-conf-cmd = ("MinProtocol" => "TLSv1", "CipherString" => "DEFAULT@SECLEVEL=0")
CONF
  } >"$d/lighttpd.conf"
  lab_spawn nvr-https nvr -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
  RTSP_PORT=554 RTSP_PATHS=$NVR_RTSP_PATHS LAB_MAX_SECONDS=$((LAB_MAX_TTL + 300)) \
    lab_spawn nvr-rtsp nvr -- /usr/bin/python3 "$LAB_DIR/files/rtsp-server.py"
  # topology.sh's health check covers the original devices only: wait for ours here.
  local p
  for p in $NVR_TCP; do wait_until 10 tcp_open "$(host_ip nvr)" "$p" || { log "nvr: port $p not answering"; return 1; }; done
}
