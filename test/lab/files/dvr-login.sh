# --- body of the DVR's telnet "login" program (a header with LAB_HOST and
# LAB_TRIES is prepended by devices/dvr.sh) ---
# It imitates a cheap DVR whose login ACCEPTS ANY PASSWORD (a real class of
# firmware bugs). It NEVER starts a shell, runs no command it reads and does
# not touch the machine's accounts: after "logging in" it only prints a fake
# "# " prompt and answers "-sh: CMD: not found". Each login try appends one
# line (the time, never the password) to LAB_TRIES, so tests can count tries.
# Every loop is bounded (50 commands) and every read has a timeout.
PATH=/usr/bin:/bin
strip() { local v=${1%$'\r'}; printf '%s' "${v%$'\n'}"; }

printf '\nDVR NVR Network Video Recorder\n\n'
printf '%s login: ' "$LAB_HOST"
IFS= read -r -t 60 user || exit 0
user=$(strip "$user")
stty -echo 2>/dev/null
printf 'Password: '
IFS= read -r -t 60 pass || { stty echo 2>/dev/null; exit 0; }
stty echo 2>/dev/null
printf '\n'
date +%s.%N >>"$LAB_TRIES"
# The bug: any non-empty user name gets in, whatever the password.
[ -n "$user" ] || { printf 'Login incorrect\n'; exit 0; }

printf '\n\nBusyBox v1.20.2 (2015-11-26 14:17:09 CST) built-in shell (ash)\n'
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
