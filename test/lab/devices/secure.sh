# shellcheck shell=bash
# secure-hub (ASUSTek OUI): a well-configured device. OpenSSH (keys only, and
# no key is accepted) on 22, HTTPS only (TLS 1.2+) on 443 with a self-signed
# certificate, which is its single planted weakness.
SECURE_TCP="22 443"

secure_up() {
  local d=$LAB_STATE/secure
  mkdir -p "$d/www"
  ssh-keygen -q -t ed25519 -N '' -C secure-hub -f "$d/ssh_host_ed25519_key"
  cat >"$d/sshd_config" <<CONF
ListenAddress 0.0.0.0:22
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
PermitEmptyPasswords no
PubkeyAuthentication yes
AuthorizedKeysFile none
UsePAM no
X11Forwarding no
AllowTcpForwarding no
MaxAuthTries 3
LoginGraceTime 20
Banner none
CONF
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
    -subj "/CN=secure-hub.local/O=Mamori Lab" -addext "subjectAltName=DNS:secure-hub.local,IP:$(host_ip secure)" \
    -keyout "$d/tls.key" -out "$d/tls.crt" 2>/dev/null
  chmod 600 "$d/tls.key"
  printf '<!DOCTYPE html>\n<html><head><title>Secure Hub</title></head><body><h1>Secure Hub</h1></body></html>\n' >"$d/www/index.html"
  chmod -R a+rX "$d/www"
  { lighttpd_conf_head "$d" 443 "secure-hub" '"mod_openssl", "mod_setenv"'
    cat <<CONF
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html")
ssl.engine = "enable"
ssl.pemfile = "$d/tls.crt"
ssl.privkey = "$d/tls.key"
ssl.openssl.ssl-conf-cmd = ("MinProtocol" => "TLSv1.2", "CipherString" => "ECDHE+AESGCM:ECDHE+CHACHA20")
setenv.add-response-header = ("Strict-Transport-Security" => "max-age=31536000")
CONF
  } >"$d/lighttpd.conf"
  ensure_host_dir /run/sshd
  lab_spawn secure-ssh secure -- /usr/sbin/sshd -D -e -f "$d/sshd_config"
  lab_spawn secure-https secure -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
}
