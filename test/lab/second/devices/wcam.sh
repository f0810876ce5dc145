# shellcheck shell=bash
# wcam (SHENZHEN BILIAN OUI, a Wi-Fi module maker: the MAC names no camera brand): a white-label
# camera on a Xiongmai board. Telnet is busybox telnetd running busybox's REAL login (shadow hash,
# 3 s delay after a wrong password) with the kernel's default node name, so the prompt is
# "(none) login: ", and Xiongmai's factory pair root/xmhdipc; the web UI is busybox httpd with the
# "NETSurveillance WEB" form (files/webform-camera.*) and admin with an empty password; 34567 is the
# DVR control port (accepts, says nothing). The account's uid is 65534 and its shell runs nothing.
L2_WCAM_TCP="23 80 34567"
L2_CAM2_TCP="23 81"

# lab2_camera SHORT PREFIX WEBPORT TELNET-USER TELNET-PASS HTTP-USER HTTP-PASS
lab2_camera() {
  local s=$1 d=$LAB_STATE/$1
  mkdir -p "$d/www/cgi-bin" "$d/state"
  chmod 755 "$d"
  lab2_accounts "$d" "$4" "$5"
  ln -sf /bin/busybox "$d/login"
  { lab2_private_etc "$d"
    echo "printf '(none)' >/proc/sys/kernel/hostname"
    echo "exec /bin/busybox telnetd -F -p 23 -f $d/empty -l $d/login"; } >"$d/telnet-start.sh"
  lab_spawn "$2-telnet" "$s" -- /bin/sh "$d/telnet-start.sh"

  install -m 644 "$LAB_DIR/files/webform-camera.html" "$d/www/index.html"
  install -m 755 "$LAB_DIR/files/webform-camera.cgi" "$d/www/cgi-bin/login.cgi"
  install -m 755 "$LAB_DIR/files/webform-camera.cgi" "$d/www/cgi-bin/main.cgi"
  chown -R www-data: "$d/state"
  lab_spawn "$2-http" "$s" -- /usr/bin/env WEBFORM_STATE="$d/state" WEBFORM_USER="$6" WEBFORM_PASS="$7" WEBFORM_MODE=normal \
    /bin/busybox httpd -f -p "$3" -u www-data -h "$d/www"
}

wcam_up() {
  lab2_camera wcam wcam 80 "$LAB2_WCAM_TELNET_USER" "$LAB2_WCAM_TELNET_PASS" "$LAB2_WCAM_HTTP_USER" "$LAB2_WCAM_HTTP_PASS"
  lab2_silent_port wcam wcam-dvr 34567
}

# cam2 (Realtek OUI): the same white-label camera, well configured (negative control): unique
# passwords on telnet and on the web form, which it serves on port 81.
cam2_up() {
  lab2_camera cam2 cam2 81 root "$LAB2_GOOD_PASS" admin "$LAB2_GOOD_PASS"
}
