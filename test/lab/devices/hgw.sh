# shellcheck shell=bash
# aterm-hgw (NEC Platforms OUI, 10.77.0.1): the ISP's home gateway. UPnP
# InternetGatewayDevice:1 over SSDP (minissdpd; description by lighttpd on
# 2869, outside the scan port list) and an IPv6 ULA (fd77::1) beside IPv4. The
# scanner gets fd77::2, as the gateway's router advertisement would give it.
HGW_UUID="uuid:a7e3f2c0-1066-4282-8770-106682770001"
HGW_ULA="fd77::1"
SCAN_ULA="fd77::2"

hgw_up() {
  local d=$LAB_STATE/hgw ip
  ip=$(host_ip hgw)
  mkdir -p "$d/www"
  run_in hgw ip -6 addr add "$HGW_ULA/64" dev eth0 nodad
  run_in scan ip -6 addr add "$SCAN_ULA/64" dev eth0 nodad
  cat >"$d/www/rootDesc.xml" <<XML
<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
<specVersion><major>1</major><minor>0</minor></specVersion>
<device>
<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>Aterm WX3600HP</friendlyName>
<manufacturer>NEC Platforms, Ltd.</manufacturer>
<manufacturerURL>https://www.aterm.jp/</manufacturerURL>
<modelDescription>Home Gateway</modelDescription>
<modelName>Aterm WX3600HP</modelName>
<modelNumber>WX3600HP</modelNumber>
<serialNumber>770001</serialNumber>
<UDN>$HGW_UUID</UDN>
<deviceList>
<device>
<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>
<friendlyName>WANDevice</friendlyName>
<manufacturer>NEC Platforms, Ltd.</manufacturer>
<modelName>WAN Device</modelName>
<UDN>uuid:a7e3f2c0-1066-4282-8770-106682770002</UDN>
</device>
</deviceList>
<presentationURL>http://$ip/</presentationURL>
</device>
</root>
XML
  chmod -R a+rX "$d/www"
  disc_lighttpd_conf "$d" 2869 "Aterm/1.0" >"$d/lighttpd.conf"
  lab_spawn hgw-http hgw -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
  lab_spawn hgw-ssdp hgw -- /usr/sbin/minissdpd -d -i eth0 -s "$d/minissdpd.sock" -p "$d/minissdpd.pid"
}

hgw_ready() {
  local d=$LAB_STATE/hgw
  tcp_open "$(host_ip hgw)" 2869 && [ -S "$d/minissdpd.sock" ] &&
    /usr/bin/python3 "$LAB_DIR/files/ssdp-submit.py" "$d/minissdpd.sock" "Linux/4.4 UPnP/1.0 Aterm/1.0" \
      "http://$(host_ip hgw):2869/rootDesc.xml" "$HGW_UUID" upnp:rootdevice "$HGW_UUID" \
      urn:schemas-upnp-org:device:InternetGatewayDevice:1
}
