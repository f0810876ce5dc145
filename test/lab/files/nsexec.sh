#!/bin/bash
# nsexec.sh HOSTNAME [--bind SRC DST]... -- CMD ARGS...
# Runs inside a lab network namespace, under `unshare --uts --mount` (private
# mount propagation): sets the device's hostname, applies private bind mounts
# (e.g. over fixed paths like /run/avahi-daemon), then execs CMD so that the
# PID recorded by lab.sh is the daemon's own PID.
set -eu
hostname "$1"
shift
while [ $# -gt 0 ]; do
  case $1 in
    --bind) mount --bind "$2" "$3"; shift 3 ;;
    --) shift; break ;;
    *) echo "nsexec.sh: bad argument $1" >&2; exit 2 ;;
  esac
done
# Refuse to run anything in the host network namespace.
if [ "$(readlink /proc/self/ns/net)" = "$(readlink /proc/1/ns/net)" ]; then
  echo "nsexec.sh: refusing to run in the host network namespace" >&2
  exit 3
fi
exec "$@"
