# shellcheck shell=bash
# aterm-hgw (NEC Platforms OUI, 10.77.0.1): the ISP's home gateway, a real UPnP
# InternetGatewayDevice:1 — Debian's miniupnpd (nftables backend) answers SSDP
# and serves the description and the WANIPConnection SOAP control on 2869
# (outside the scan port list) — and an IPv6 ULA (fd77::1) beside IPv4. The
# scanner gets fd77::2, as the gateway's router advertisement would give it.
#
# Its "internet side" is wan0, one end of a veth pair whose other end stays in
# this namespace too: no route, no link out. miniupnpd refuses documentation
# (RFC 5737) and private addresses on the external interface ("port forwarding
# is impossible"), so wan0 carries 198.51.101.1, reachable from nowhere. At
# lab-up the DVR asks for a port mapping (external 8080 -> its port 80), as a
# DVR with "UPnP: on" does (dvr_request_mapping in dvr.sh).
HGW_UUID="a7e3f2c0-1066-4282-8770-106682770001"
HGW_ULA="fd77::1"
SCAN_ULA="fd77::2"
HGW_WAN_IP="198.51.101.1"
HGW_UPNP_PORT=2869

hgw_up() {
  local d=$LAB_STATE/hgw
  mkdir -p "$d"
  run_in hgw ip -6 addr add "$HGW_ULA/64" dev eth0 nodad
  run_in scan ip -6 addr add "$SCAN_ULA/64" dev eth0 nodad
  run_in hgw ip link add wan0 type veth peer name wan0-peer
  run_in hgw ip addr add "$HGW_WAN_IP/24" dev wan0
  run_in hgw ip link set wan0 up
  run_in hgw ip link set wan0-peer up
  # The chains miniupnpd fills in (its nft_init.sh layout), in this namespace's own ruleset.
  run_in hgw nft -f - <<'NFT'
table inet miniupnpd {
  chain forward { type filter hook forward priority 0; policy drop; jump forward_miniupnpd; }
  chain forward_miniupnpd { }
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting { type nat hook postrouting priority 100; policy accept; jump postrouting_miniupnpd; }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
NFT
  cat >"$d/miniupnpd.conf" <<CONF
ext_ifname=wan0
ext_ip=$HGW_WAN_IP
listening_ip=eth0
port=$HGW_UPNP_PORT
enable_upnp=yes
enable_natpmp=no
secure_mode=yes
system_uptime=no
clean_ruleset_interval=0
lease_file=$d/upnp.leases
upnp_table_name=miniupnpd
upnp_nat_table_name=miniupnpd
upnp_forward_chain=forward_miniupnpd
upnp_nat_chain=prerouting_miniupnpd
upnp_nat_postrouting_chain=postrouting_miniupnpd
force_igd_desc_v1=yes
uuid=$HGW_UUID
friendly_name=Aterm WX3600HP
manufacturer_name=NEC Platforms, Ltd.
manufacturer_url=https://www.aterm.jp/
model_name=Aterm WX3600HP
model_description=Home Gateway
model_number=WX3600HP
serial=770001
allow 1024-65535 $(host_ip hgw | cut -d. -f1-3).0/$LAB_CIDR 1-65535
deny 0-65535 0.0.0.0/0 0-65535
CONF
  : >"$d/upnp.leases"
  lab_spawn hgw-upnp hgw -- /usr/sbin/miniupnpd -d -f "$d/miniupnpd.conf" -P "$d/miniupnpd.pid"
}

hgw_description_url() { echo "http://$(host_ip hgw):$HGW_UPNP_PORT/rootDesc.xml"; }

# Ready when the description is served and the DVR's mapping is in place.
hgw_ready() {
  tcp_open "$(host_ip hgw)" "$HGW_UPNP_PORT" && dvr_request_mapping "$(hgw_description_url)"
}
