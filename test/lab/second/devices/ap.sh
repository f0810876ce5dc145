# shellcheck shell=bash
# ap (Ubiquiti OUI): an access point whose SSH is dropbear (the SSH server airOS really ships; the
# first set's is OpenSSH), password logins on, factory pair ubnt/ubnt. The account's uid is 65534,
# its shell (and dropbear's forced command) runs nothing; no port forwarding.
# nas (QNAP OUI): dropbear with a unique password (the SSH negative control) and Apache Digest with
# a unique password on 8080 (the Digest negative control).
L2_AP_TCP="22"
L2_NAS_TCP="22 8080"

# lab2_dropbear SHORT NAME USER PASS
lab2_dropbear() {
  local s=$1 d=$LAB_STATE/$2
  mkdir -p "$d"
  chmod 755 "$d"
  lab2_accounts "$d" "$3" "$4"
  dropbearkey -t ed25519 -f "$d/hostkey" >/dev/null 2>&1
  { lab2_private_etc "$d"
    echo "exec /usr/sbin/dropbear -F -E -p 22 -r $d/hostkey -P $d/dropbear.pid -j -k -m -c $d/shell.sh -I 60"; } >"$d/start.sh"
  lab_spawn "$2" "$s" -- /bin/sh "$d/start.sh"
}

ap_up() {
  lab2_dropbear ap ap-ssh "$LAB2_AP_SSH_USER" "$LAB2_AP_SSH_PASS"
}

nas_up() {
  lab2_dropbear nas nas-ssh admin "$LAB2_GOOD_PASS"
  lab2_apache_digest nas nas-http 8080 admin "$LAB2_GOOD_PASS" "QNAP NAS"
}
