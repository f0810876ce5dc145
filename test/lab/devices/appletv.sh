# shellcheck shell=bash
# Living-Room-Apple-TV (Apple OUI): a media player advertising AirPlay
# (_airplay._tcp, model=AppleTV6,2) and AirPlay audio (_raop._tcp) on port
# 7000, with no listener: mDNS only.

appletv_up() {
  local d=$LAB_STATE/appletv
  mkdir -p "$d/avahi-services"
  avahi_service "$d/avahi-services/airplay.service" "Living Room" _airplay._tcp 7000 \
    "acl=0" "deviceid=F0:18:98:77:00:42" "features=0x4A7FFFF7,0xE" "flags=0x244" "model=AppleTV6,2" \
    "protovers=1.1" "srcvers=595.13.1" "osvers=16.1"
  avahi_service "$d/avahi-services/raop.service" "F01898770042@Living Room" _raop._tcp 7000 \
    "cn=0,1,2,3" "da=true" "et=0,3,5" "ft=0x4A7FFFF7,0xE" "am=AppleTV6,2" "md=0,1,2" "sf=0x244" "tp=UDP" "vn=65537" "vs=595.13.1"
  disc_avahi "$d" appletv
}

appletv_ready() { disc_avahi_ready appletv; }
