# shellcheck shell=bash
# philips-hue (Philips Lighting OUI): a Hue bridge. mDNS _hue._tcp (bridgeid,
# modelid) and SSDP (minissdpd) whose LOCATION is a description served by
# lighttpd on 8088 (outside the scan port list), like the real bridge's
# description.xml: Basic:1, "Philips hue bridge 2015", BSB002.
HUE_UUID="uuid:2f402f80-da50-11e1-9b23-001788770043"

hue_up() {
  local d=$LAB_STATE/hue ip
  ip=$(host_ip hue)
  mkdir -p "$d/www" "$d/avahi-services"
  cat >"$d/www/description.xml" <<XML
<?xml version="1.0" encoding="UTF-8" ?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
<specVersion><major>1</major><minor>0</minor></specVersion>
<URLBase>http://$ip:8088/</URLBase>
<device>
<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>
<friendlyName>Philips hue ($ip)</friendlyName>
<manufacturer>Signify</manufacturer>
<manufacturerURL>http://www.philips-hue.com</manufacturerURL>
<modelDescription>Philips hue Personal Wireless Lighting</modelDescription>
<modelName>Philips hue bridge 2015</modelName>
<modelNumber>BSB002</modelNumber>
<modelURL>http://www.philips-hue.com</modelURL>
<serialNumber>001788770043</serialNumber>
<UDN>$HUE_UUID</UDN>
<presentationURL>index.html</presentationURL>
</device>
</root>
XML
  chmod -R a+rX "$d/www"
  disc_lighttpd_conf "$d" 8088 "Hue/1.0 UPnP/1.0 IpBridge/1.56.0" >"$d/lighttpd.conf"
  lab_spawn hue-http hue -- /usr/sbin/lighttpd -D -f "$d/lighttpd.conf"
  lab_spawn hue-ssdp hue -- /usr/sbin/minissdpd -d -i eth0 -s "$d/minissdpd.sock" -p "$d/minissdpd.pid"
  avahi_service "$d/avahi-services/hue.service" "Philips Hue - 770043" _hue._tcp 443 \
    "bridgeid=001788fffe770043" "modelid=BSB002"
  disc_avahi "$d" hue
}

hue_ready() {
  local d=$LAB_STATE/hue
  disc_avahi_ready hue && tcp_open "$(host_ip hue)" 8088 && [ -S "$d/minissdpd.sock" ] &&
    /usr/bin/python3 "$LAB_DIR/files/ssdp-submit.py" "$d/minissdpd.sock" "Hue/1.0 UPnP/1.0 IpBridge/1.56.0" \
      "http://$(host_ip hue):8088/description.xml" "$HUE_UUID" upnp:rootdevice "$HUE_UUID" \
      urn:schemas-upnp-org:device:basic:1
}
