#!/bin/bash
# Mamori lab: a simulated smart home made of Linux network namespaces.
#
#   bash test/lab/lab.sh up [--ttl SECONDS] [--force]   build (or keep) the lab
#   bash test/lab/lab.sh down                           remove everything
#   bash test/lab/lab.sh status                         namespaces, PIDs; exit 0 if up
#   bash test/lab/lab.sh set-cam-password NEWPASS       change the camera's HTTP password live
#   bash test/lab/lab.sh move-device [back]             the thermostat moves to .45 (or back), live
#   bash test/lab/lab.sh packages                       list the Debian packages the lab needs
#
# See README.md beside this file. Needs root.
set -euo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lab.env
. "$LAB_DIR/lab.env"
# shellcheck source=lib.sh
. "$LAB_DIR/lib.sh"
for f in "$LAB_DIR"/devices/*.sh; do . "$f"; done
# shellcheck source=topology.sh
. "$LAB_DIR/topology.sh"
# shellcheck source=segment.sh
. "$LAB_DIR/segment.sh" # LAB_SEGMENT=1: a second segment on the scanner's eth1 (10.78.0.0/24)

LAB_TTL=3600
LAB_DEVICES="cam hub nas speaker secure plug quiet dvr router nvr gateway hostile"
# Discovery devices; "disc" (devices/disc.sh) waits for all of them, so it stays after them.
LAB_DEVICES+=" hgw printer appletv hue thermo pc disc"
# LAB_SET=second: the second lab set (other implementations, test/lab/second/set.sh) replaces the
# host table, devices and health checks. A running lab remembers its set, so `down` needs no LAB_SET.
LAB_SET=${LAB_SET:-$(cat "$LAB_STATE/set" 2>/dev/null || echo main)}
case $LAB_SET in
  main) ;;
  second) . "$LAB_DIR/second/set.sh" ;;
  *) die "LAB_SET must be main or second" ;;
esac

usage() { sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

lock() { # serialise lab.sh invocations (the lock is on this script file itself)
  exec 9<"$LAB_DIR/lab.sh"
  flock -w 120 9 || die "another lab.sh is still running"
}

need_root() { [ "$(id -u)" = 0 ] || die "lab.sh must run as root"; }

valid_secret() { [[ $1 =~ ^[A-Za-z0-9._@+-]{1,32}$ ]]; }

check_env() {
  local v
  for v in LAB_CAM_HTTP_USER LAB_CAM_HTTP_PASS LAB_CAM_TELNET_USER LAB_CAM_TELNET_PASS \
    LAB_CAM_RTSP_USER LAB_CAM_RTSP_PASS LAB_NAS_SNMP_COMMUNITY \
    LAB_ROUTER_HTTP_USER LAB_ROUTER_HTTP_PASS; do
    valid_secret "${!v}" || die "$v must match [A-Za-z0-9._@+-]{1,32}"
  done
}

cmd_up() {
  local force=0
  while [ $# -gt 0 ]; do
    case $1 in
      --ttl) LAB_TTL=${2:-}; shift 2 || usage ;;
      --ttl=*) LAB_TTL=${1#--ttl=}; shift ;;
      --force) force=1; shift ;;
      *) usage ;;
    esac
  done
  [[ $LAB_TTL =~ ^[0-9]+$ ]] && [ "$LAB_TTL" -ge 10 ] && [ "$LAB_TTL" -le $LAB_MAX_TTL ] ||
    die "--ttl must be an integer between 10 and $LAB_MAX_TTL seconds"
  check_env
  local t0=$SECONDS fp
  fp=$(lab_fingerprint)
  if [ $force = 0 ] && [ "$(cat "$LAB_STATE/fingerprint" 2>/dev/null)" = "$fp" ] && lab_is_healthy; then
    start_watchdog
    log "lab already up and healthy; watchdog renewed (TTL ${LAB_TTL}s)"
    return 0
  fi
  local held
  held=$(cat "$LAB_STATE/set" 2>/dev/null || true)
  [ -z "$held" ] || [ "$held" = "$LAB_SET" ] || die "this LAB_NAME holds a lab of set '$held': take it down first"
  if [ -d "$LAB_STATE" ] || [ -n "$(lab_namespaces)" ]; then
    log "tearing down the previous lab first"
    do_down
  fi
  ensure_packages
  mkdir -p "$LAB_STATE" "$LAB_PIDS" "$LAB_STATE/logs"
  chmod 755 "$LAB_STATE"
  echo "$fp" >"$LAB_STATE/fingerprint"
  echo "$LAB_SET" >"$LAB_STATE/set"
  echo "$(date +%s%N)-$$" >"$LAB_STATE/generation"
  start_watchdog
  build_topology
  local d
  for d in $LAB_DEVICES; do "${d}_up"; done
  if ! wait_healthy 20 || ! segment_up; then
    if [ "${LAB_KEEP_ON_FAILURE:-0}" != 1 ]; then
      log "tearing the failed lab down (set LAB_KEEP_ON_FAILURE=1 to keep it)"
      do_down
    fi
    die "lab did not come up"
  fi
  log "lab up in $((SECONDS - t0))s (TTL ${LAB_TTL}s); try: ip netns exec $LAB_SCAN bash"
}

# Watchdog: one bash process in its own session that sleeps TTL seconds, then
# execs `lab.sh down --generation G`. `down` stops it by PID (its TERM trap also
# ends the sleep). The generation makes a stray watchdog of an older lab harmless.
start_watchdog() {
  local pid
  if pid=$(pid_get watchdog); then stop_pid "$pid"; fi
  setsid bash -c 'trap "kill \$sp 2>/dev/null; exit 0" TERM INT; sleep "$1" & sp=$!; wait $sp; exec bash "$2" down --generation "$3"' \
    mamori-lab-watchdog "$LAB_TTL" "$LAB_DIR/lab.sh" "$(cat "$LAB_STATE/generation")" "lab=$LAB_NAME" \
    </dev/null >>"$LAB_STATE/logs/watchdog.log" 2>&1 9<&- &
  pid_record watchdog $!
}

lab_fingerprint() {
  { env | grep -E '^LAB_(CAM|NAS|ROUTER)_' | sort
    cat "$LAB_DIR/lib.sh" "$LAB_DIR/topology.sh" "$LAB_DIR"/devices/*.sh "$LAB_DIR"/files/*
    if declare -F lab_set_fingerprint >/dev/null; then lab_set_fingerprint; fi
    segment_fingerprint; } | sha256sum | cut -c1-16
}

# stop_pids PID...: TERM all, wait up to 3 s for all, then KILL the rest.
stop_pids() {
  local p i alive
  [ $# -eq 0 ] && return 0
  kill -TERM "$@" 2>/dev/null || true
  for i in $(seq 1 30); do
    alive=()
    for p in "$@"; do pid_running "$p" && alive+=("$p"); done
    [ ${#alive[@]} -eq 0 ] && return 0
    sleep 0.1
  done
  log "killing (no exit after TERM): ${alive[*]}"
  kill -KILL "${alive[@]}" 2>/dev/null || true
  sleep 0.1
}

do_down() {
  local f pid ns argv pids=()
  # 1. every process we recorded (except ourselves: the watchdog execs `down`)
  if [ -d "$LAB_PIDS" ]; then
    for f in "$LAB_PIDS"/*.pid; do
      [ -e "$f" ] || continue
      pid=$(pid_get "$(basename "$f" .pid)") || continue
      [ "$pid" = $$ ] || pids+=("$pid")
    done
  fi
  # 2. a watchdog whose pid file was lost: argv is exactly
  #    bash -c SCRIPT mamori-lab-watchdog TTL <this lab.sh> GENERATION lab=<LAB_NAME>
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}; pid=${pid%/cmdline}
    [ "$pid" = $$ ] && continue
    mapfile -d '' -t argv <"$f" 2>/dev/null || continue
    [ "${argv[3]:-}" = mamori-lab-watchdog ] && [ "${argv[5]:-}" = "$LAB_DIR/lab.sh" ] &&
      [ "${argv[7]:-}" = "lab=$LAB_NAME" ] && pids+=("$pid")
  done
  # 3. anything else running inside a lab namespace (CGI, telnet sessions...)
  for ns in $(lab_namespaces); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
      [ "$pid" = $$ ] || pids+=("$pid")
    done
  done
  stop_pids $(printf '%s\n' "${pids[@]}" | sort -un)
  for ns in $(lab_namespaces); do
    [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] || log "processes still in $ns: $(ip netns pids "$ns" | tr '\n' ' ')"
    ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns"
  done
  # 4. host directories we had to create for fixed-path daemons (empty ones only)
  if [ -f "$LAB_STATE/host-dirs" ]; then
    while read -r f; do rmdir "$f" 2>/dev/null || true; done <"$LAB_STATE/host-dirs"
  fi
  rm -rf "$LAB_STATE"
  [ -z "$(lab_namespaces)" ] || die "namespaces left: $(lab_namespaces | tr '\n' ' ')"
}

cmd_down() {
  if [ $# -eq 2 ] && [ "$1" = --generation ]; then
    if [ "$(cat "$LAB_STATE/generation" 2>/dev/null)" != "$2" ]; then
      log "watchdog of an older lab: nothing to do"
      return 0
    fi
    log "TTL expired"
  elif [ $# -ne 0 ]; then
    usage
  fi
  local t0=$SECONDS
  do_down
  log "lab down in $((SECONDS - t0))s; no ${LAB_NS_PREFIX}* namespace of this lab left"
}

cmd_status() {
  local ns f name pid rc=0
  echo "namespaces:"
  for ns in $(lab_namespaces); do echo "  $ns"; done
  [ -d "$LAB_PIDS" ] || { echo "lab is down"; return 1; }
  echo "processes:"
  for f in "$LAB_PIDS"/*.pid; do
    name=$(basename "$f" .pid)
    if pid=$(pid_get "$name"); then
      printf '  %-14s %7s  %s\n' "$name" "$pid" "$(tr '\0' ' ' </proc/"$pid"/cmdline | cut -c1-90)"
    else
      printf '  %-14s %7s\n' "$name" DEAD; rc=1
    fi
  done
  if lab_is_healthy; then echo "lab is up"; else echo "lab is NOT healthy"; rc=1; fi
  return $rc
}

cmd_set_cam_password() {
  [ $# -eq 1 ] || usage
  valid_secret "$1" || die "password must match [A-Za-z0-9._@+-]{1,32}"
  pid_get cam-http >/dev/null || die "the lab is not up"
  cam_set_password "$1" || die "could not change the camera password"
  echo modified >"$LAB_STATE/fingerprint" # the next `up` rebuilds a pristine lab
  log "camera HTTP password for $LAB_CAM_HTTP_USER is now set"
}

main() {
  [ $# -ge 1 ] || usage
  local cmd=$1; shift
  case $cmd in
    up) need_root; lock; cmd_up "$@" ;;
    down) need_root; lock; cmd_down "$@" ;;
    status) need_root; cmd_status ;;
    set-cam-password) need_root; lock; cmd_set_cam_password "$@" ;;
    move-device) need_root; lock; [ -d "$LAB_PIDS" ] || die "the lab is not up"; thermo_move "$@" ;;
    packages) printf '%s\n' "${LAB_PACKAGES[@]}" ;;
    *) usage ;;
  esac
}

main "$@"
