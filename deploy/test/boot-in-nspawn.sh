# Step 6 of install-in-chroot.sh (sourced by it, with --boot): the shipped unit under a real
# systemd. Uses ROOT, SRC, LAB, in_root, check, bad, mounts and BOOT_PID from the caller.
# shellcheck shell=bash disable=SC2154

echo "6. the unit under systemd (systemd-nspawn --boot)"
in_root apt-get install -y -q --no-install-recommends systemd systemd-sysv dbus systemd-container >>"$ROOT.apt.log" 2>&1 \
  || { tail "$ROOT.apt.log"; bad "apt-get install systemd in the root"; return; }
out=$(in_root bash /src/deploy/install.sh --node /tmp/node-dist --no-build --offline --listen 127.0.0.1:8380 2>&1) \
  || { echo "$out"; bad "install.sh before booting"; return; }
in_root systemctl enable mamori.service >/dev/null 2>&1
netns=/run/netns/mamori-$LAB-scan
if [ -n "$LAB" ] && [ -e "$netns" ]; then
  subnet=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["subnet"])' "$SRC/test/lab/expected.json")
  sed -i "s|^#\?MAMORI_TARGETS=.*|MAMORI_TARGETS=$subnet|" "$ROOT/etc/mamori/mamori.env"
  network=(--network-namespace-path="$netns")
  echo "   in the lab's scanner namespace ($netns), scanning $subnet"
else
  [ -z "$LAB" ] || { bad "no lab $LAB (LAB_NAME=$LAB bash test/lab/lab.sh up)"; return; }
  network=(--private-network)
  echo "   on a private network (loopback only)"
fi
# Our bind mounts are not needed by the container: take them down before it boots.
for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}"; done
mounts=()

# The root's own nspawn, with the root's libraries: the host may have another systemd, or none.
loader=("$ROOT/lib64/ld-linux-x86-64.so.2" --library-path "$ROOT/usr/lib/x86_64-linux-gnu/systemd:$ROOT/usr/lib/x86_64-linux-gnu:$ROOT/lib/x86_64-linux-gnu")
[ -x "${loader[0]}" ] || loader=("$ROOT/lib/ld-linux-aarch64.so.1" --library-path "$ROOT/usr/lib/aarch64-linux-gnu/systemd:$ROOT/usr/lib/aarch64-linux-gnu")
timeout 300 "${loader[@]}" "$ROOT/usr/bin/systemd-nspawn" -D "$ROOT" --boot --register=no --keep-unit \
  --machine="mamori-chroot-$$" --console=pipe "${network[@]}" >"$ROOT.boot.log" 2>&1 </dev/null &
BOOT_PID=$!
init='' active=''
for _ in $(seq 60); do
  nspawn=$(pgrep -P "$BOOT_PID" | head -1 || true)
  [ -n "$nspawn" ] && init=$(pgrep -P "$nspawn" | head -1 || true)
  if [ -n "$init" ]; then active=$(nsenter -t "$init" -a systemctl is-active mamori.service 2>/dev/null || true); fi
  [ "$active" = active ] && break
  sleep 1
done
box() { nsenter -t "$init" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
check "systemd started mamori.service" test "$active" = active
[ "$active" = active ] || { cat "$ROOT.boot.log"; return; }
main=$(box systemctl show -p MainPID --value mamori.service)
status=$(box cat "/proc/$main/status")
mamori_uid=$(awk -F: '$1 == "mamori" { print $3 }' "$ROOT/etc/passwd")
check "it runs as mamori (uid $mamori_uid)" grep -Eq "^Uid:\s+$mamori_uid\s" <<<"$status"
check "with exactly CAP_NET_RAW, effective and bounding" grep -Ezq 'CapEff:\s+0000000000002000.*CapBnd:\s+0000000000002000' <<<"$status"
check "no new privileges, under a seccomp filter" grep -Ezq 'NoNewPrivs:\s+1.*Seccomp:\s+2' <<<"$status"
for _ in $(seq 20); do box /opt/mamori/bin/node /opt/mamori/deploy/healthcheck.mjs 127.0.0.1 8380 && break; sleep 0.5; done
check "it answers /api/health" box /opt/mamori/bin/node /opt/mamori/deploy/healthcheck.mjs 127.0.0.1 8380
token=$(box journalctl -u mamori.service -o cat --no-pager | grep -o 'setup=[A-Za-z0-9_-]*' | tail -1 | cut -d= -f2)
check "the set-up link is in the journal" test -n "$token"
if [ -n "$LAB" ]; then
  summary=$(ip netns exec "mamori-$LAB-scan" node "$SRC/deploy/test/drive-scan.mjs" "$token" 8380) || bad "the scan through the API"
  echo "   $summary"
  check "the sandboxed service scanned the lab: every device, the telnet findings" python3 - "$SRC/test/lab/expected.json" "$summary" <<'PY'
import json, sys
lab, got = json.load(open(sys.argv[1])), json.loads(sys.argv[2])
telnet = sorted(d["ip"] for d in lab["devices"] if any(w["family"] == "cleartext-service" and w["service"] == "telnet" for w in d["weaknesses"]))
sys.exit(0 if got["status"] == "completed" and got["devices"] == sorted(d["ip"] for d in lab["devices"]) and set(telnet) <= set(got["telnet"]) else 1)
PY
fi
box systemctl stop mamori.service
check "stopped cleanly, its data written as mamori" test "$(stat -c %u "$ROOT/var/lib/mamori/state.json" 2>/dev/null)" = "$mamori_uid"
kill -TERM "$BOOT_PID"
for _ in $(seq 30); do kill -0 "$BOOT_PID" 2>/dev/null || break; sleep 1; done
check "the container shut down" bash -c "! kill -0 $BOOT_PID 2>/dev/null"
