#!/bin/bash
# Starts Mamori where systemd is not PID 1 (a chroot, an init without systemd), as close to the
# unit as a plain process gets: the mamori user, no supplementary groups, no new privileges, and
# at most CAP_NET_RAW (none after `install.sh --no-net-raw`). Installed as /opt/mamori/bin/mamori-run;
# run it as root. The file-system sandbox of the unit (ProtectSystem=…) has no equivalent here.
#
#   MAMORI_ENV_FILE   settings file (default /etc/mamori/mamori.env), KEY=value lines, never executed
#   MAMORI_RUN_USER   user to run as (default mamori)
set -euo pipefail

PREFIX=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
ENV_FILE=${MAMORI_ENV_FILE:-/etc/mamori/mamori.env}
RUN_USER=${MAMORI_RUN_USER:-mamori}

if [ "$(id -u)" != 0 ]; then
  echo "mamori-run: run as root; it drops to the $RUN_USER user itself" >&2
  exit 2
fi
if ! id "$RUN_USER" >/dev/null 2>&1; then
  echo "mamori-run: no user $RUN_USER (deploy/install.sh creates it)" >&2
  exit 2
fi

# The same variables systemd would pass: the settings file, read as data (no shell expansion).
declare -a settings=(NODE_ENV=production MAMORI_DATA_DIR=/var/lib/mamori)
if [ -r "$ENV_FILE" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
      if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
      settings+=("$key=$value")
    fi
  done <"$ENV_FILE"
fi

if [ -e "$PREFIX/.no-net-raw" ]; then
  caps=(--inh-caps=-all --bounding-set=-all)
else
  # shellcheck disable=SC2054  # commas belong to setpriv's syntax
  caps=(--inh-caps=-all,+net_raw --ambient-caps=+net_raw --bounding-set=-all,+net_raw)
fi

cd "$PREFIX"
exec setpriv --reuid="$RUN_USER" --regid="$(id -g "$RUN_USER")" --init-groups --no-new-privs "${caps[@]}" -- \
  env -i PATH=/usr/bin:/bin "${settings[@]}" "$PREFIX/bin/node" --max-semi-space-size=4 "$PREFIX/backend/dist/main.js"
