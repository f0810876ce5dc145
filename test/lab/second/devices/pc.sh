# shellcheck shell=bash
# pc2 / pc3 (Dell OUIs): desktops sharing their screen over VNC on 5900. pc2 is x11vnc
# (libvncserver) on an Xvfb display WITHOUT a password (security type None); pc3 is TigerVNC's
# Xtigervnc with VNC Authentication and a unique password (the negative control). Each gets a
# private /tmp (X lock files and sockets stay in the lab's state directory), X listens on no TCP port.
L2_PC2_TCP="5900"
L2_PC3_TCP="5900"

pc2_up() {
  local d=$LAB_STATE/pc2
  mkdir -p "$d/tmp" && chmod 1777 "$d/tmp"
  lab_spawn pc2-x pc2 --bind "$d/tmp" /tmp -- /usr/bin/Xvfb :0 -nolisten tcp -screen 0 320x240x16
  cat >"$d/vnc.sh" <<SH
for i in \$(seq 1 100); do [ -e /tmp/.X11-unix/X0 ] && break; sleep 0.1; done
exec /usr/bin/x11vnc -display :0 -rfbport 5900 -forever -shared -nopw -quiet
SH
  lab_spawn pc2-vnc pc2 --bind "$d/tmp" /tmp -- /bin/sh "$d/vnc.sh"
}

pc3_up() {
  local d=$LAB_STATE/pc3
  mkdir -p "$d/tmp" && chmod 1777 "$d/tmp"
  printf '%s\n' "$LAB2_GOOD_PASS" | /usr/bin/vncpasswd -f >"$d/passwd" && chmod 600 "$d/passwd"
  lab_spawn pc3-vnc pc3 --bind "$d/tmp" /tmp -- /usr/bin/Xtigervnc :0 -rfbport 5900 -SecurityTypes VncAuth \
    -PasswordFile "$d/passwd" -nolisten tcp -geometry 320x240
}
