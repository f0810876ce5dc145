# --- body of the camera's telnet "login" program (header with LAB_USER,
# LAB_PASS and LAB_HOST is prepended by devices/cam.sh) ---
# It imitates a BusyBox camera login. It NEVER starts a shell, runs no command
# it reads, and does not touch the machine's accounts: after a successful
# login it only prints a fake "# " prompt and answers "-sh: CMD: not found".
# Every loop is bounded (3 tries, 50 commands, read timeouts).
PATH=/usr/bin:/bin
strip() { local v=${1%$'\r'}; printf '%s' "${v%$'\n'}"; }

printf '\nHikvision IP Camera DS-2CD2042WD-I\n\n'
ok=0
for try in 1 2 3; do
  printf '%s login: ' "$LAB_HOST"
  IFS= read -r -t 60 user || exit 0
  user=$(strip "$user")
  stty -echo 2>/dev/null
  printf 'Password: '
  IFS= read -r -t 60 pass || { stty echo 2>/dev/null; exit 0; }
  stty echo 2>/dev/null
  printf '\n'
  pass=$(strip "$pass")
  if [ "$user" = "$LAB_USER" ] && [ "$pass" = "$LAB_PASS" ]; then ok=1; break; fi
  printf 'Login incorrect\n'
done
[ $ok = 1 ] || exit 0

printf '\n\nBusyBox v1.19.3 (2016-05-30 10:51:08 CST) built-in shell (ash)\n'
printf "Enter 'help' for a list of built-in commands.\n\n"
for n in $(seq 1 50); do
  printf '# '
  IFS= read -r -t 120 line || exit 0
  line=$(strip "$line")
  read -r cmd _ <<<"$line"
  case $cmd in
    '') ;;
    exit | logout) exit 0 ;;
    *) printf -- '-sh: %s: not found\n' "$cmd" ;;
  esac
done
