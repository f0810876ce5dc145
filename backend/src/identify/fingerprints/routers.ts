// Routers and home gateways.
import type { Rule } from './types.js';

export const routers: readonly Rule[] = [
  { when: { upnpDeviceType: /:device:InternetGatewayDevice:\d/ }, type: 'router', weight: 90, model: 'upnp',
    note: { en: 'UPnP Internet gateway', ja: 'UPnP のインターネットゲートウェイ' } },
  { when: { upnpDeviceType: /:device:WFADevice:\d/ }, type: 'router', weight: 50, model: 'upnp',
    note: { en: 'Wi-Fi access point (WPS)', ja: 'Wi-Fi アクセスポイント（WPS）' } },
  { when: { service: 'tr-069' }, type: 'router', weight: 60, note: { en: 'ISP remote management (TR-069)', ja: 'プロバイダーの遠隔管理（TR-069）' } },
  { when: { httpTitle: /^ASUS Login$|RT-[A-Z]{1,3}\d|FRITZ!Box|Aterm|AirStation|OpenWrt|LuCI|DD-WRT|RouterOS|NETGEAR Router|TP-LINK.*(Router|Archer)|Linksys Smart Wi-Fi|UniFi|EdgeOS/i },
    type: 'router', weight: 80, note: { en: 'router admin page', ja: 'ルーターの管理画面' } },
  { when: { httpRealm: /router|gateway|RT-|Archer|FRITZ|Aterm|NETGEAR|AirStation/i }, type: 'router', weight: 70 },
  { when: { banner: /RouterOS|OpenWrt|DD-WRT|FRITZ!Box|EdgeOS/i }, type: 'router', weight: 70 },
  { when: { vendor: /^(AVM( Audiovisuelles Marketing und Computersysteme)? GmbH|Routerboard\.com|MikroTik|Ubiquiti|NEC Platforms|Ruckus|Netgear|TP-LINK)/i }, type: 'router', weight: 50 },
  { when: { name: /\b(router|gateway|fritz-?box|aterm|openwrt)\b/i }, type: 'router', weight: 50 },
  { when: { snmp: /^RouterOS\b|OpenWrt|DD-WRT|EdgeOS|FRITZ!Box|Cisco IOS/i }, type: 'router', weight: 80 },
  { when: { snmpEnterprise: [14988] }, type: 'router', weight: 80, note: { en: 'MikroTik', ja: 'MikroTik' } },
  { when: { ports: [8291] }, type: 'router', weight: 80, note: { en: 'MikroTik Winbox management port', ja: 'MikroTik の Winbox 管理ポート' } },
];
