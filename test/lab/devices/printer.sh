# shellcheck shell=bash
# BRN3C2AF4770041 (Brother OUI): a network laser printer that says so over
# mDNS: _ipp._tcp and _printer._tcp with Brother's TXT keys (ty, product, rp,
# pdl). Advertised ports 631 and 515 have no listener (and are not in the port
# list): discovery and identification only.

printer_up() {
  local d=$LAB_STATE/printer txt
  mkdir -p "$d/avahi-services"
  txt=("txtvers=1" "qtotal=1" "rp=ipp/print" "ty=Brother HL-L2350DW series" "product=(Brother HL-L2350DW series)"
    "pdl=application/octet-stream,image/urf,image/pwg-raster" "note=Study" "Color=F" "Duplex=T"
    "UUID=e3248000-80ce-11db-8000-3c2af4770041")
  avahi_service "$d/avahi-services/ipp.service" "Brother HL-L2350DW series" _ipp._tcp 631 "${txt[@]}"
  avahi_service "$d/avahi-services/printer.service" "Brother HL-L2350DW series" _printer._tcp 515 "${txt[@]}"
  disc_avahi "$d" printer
}

printer_ready() { disc_avahi_ready printer; }
