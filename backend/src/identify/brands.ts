// Short brand names for the long registry names (IEEE OUI, UPnP manufacturer). A household knows
// "Hikvision", not "Hangzhou Hikvision Digital Technology Co.,Ltd."; the full name stays on the
// device (`vendor`) and is shown one click away. No imports: the dashboard bundles this file.

/** [pattern over the registry name, brand shown]. First match wins; patterns are case-insensitive. */
export const BRAND_TABLE: ReadonlyArray<readonly [RegExp, string]> = [
  [/hikvision/i, 'Hikvision'],
  [/dahua/i, 'Dahua'],
  [/reolink/i, 'Reolink'],
  [/asustek|^asus\b/i, 'ASUS'],
  [/xiaomi/i, 'Xiaomi'],
  [/synology/i, 'Synology'],
  [/google/i, 'Google'],
  [/sonoff|itead/i, 'Sonoff'],
  [/espressif/i, 'Espressif'],
  [/tuya/i, 'Tuya'],
  [/nabu casa/i, 'Nabu Casa'],
  [/\bnec\b/i, 'NEC'],
  [/panasonic/i, 'Panasonic'],
  [/nintendo/i, 'Nintendo'],
  [/brother/i, 'Brother'],
  [/^apple\b/i, 'Apple'],
  [/philips|signify/i, 'Philips'],
  [/^tado/i, 'tado'],
  [/kano computing/i, 'Kano'],
  [/amazon/i, 'Amazon'],
  [/samsung/i, 'Samsung'],
  [/^sony\b/i, 'Sony'],
  [/^lg electronics|^lg innotek/i, 'LG'],
  [/tp-?link/i, 'TP-Link'],
  [/buffalo/i, 'Buffalo'],
  [/netgear/i, 'NETGEAR'],
  [/ubiquiti/i, 'Ubiquiti'],
  [/raspberry pi/i, 'Raspberry Pi'],
  [/huawei/i, 'Huawei'],
  [/\bzte\b/i, 'ZTE'],
  [/sharp/i, 'Sharp'],
  [/canon/i, 'Canon'],
  [/seiko epson|^epson/i, 'Epson'],
  [/hewlett|^hp inc/i, 'HP'],
  [/sonos/i, 'Sonos'],
  [/roku/i, 'Roku'],
  [/fujitsu/i, 'Fujitsu'],
  [/toshiba/i, 'Toshiba'],
  [/i-o data/i, 'I-O DATA'],
  [/elecom/i, 'ELECOM'],
  [/yamaha/i, 'Yamaha'],
  [/daikin/i, 'Daikin'],
  [/intel corporate|^intel\b/i, 'Intel'],
  [/microsoft/i, 'Microsoft'],
  [/ring llc/i, 'Ring'],
  [/anker|eufy/i, 'Anker'],
  [/wyze/i, 'Wyze'],
];

// Company-form words dropped when no table row matches ("Acme Widgets Co., Ltd." → "Acme Widgets").
const COMPANY_FORM = /[,.]?\s*\b(co\.?,?\s*ltd|company|corporation|corp|incorporated|inc|limited|ltd|llc|gmbh|ag|s\.?a|b\.?v|bv|plc|pte|oy|kk|k\.k)\b\.?/gi;

/** The short brand for a registry name, or null when there is no name. */
export function shortBrand(registryName: string | null | undefined): string | null {
  const name = registryName?.trim();
  if (!name) return null;
  for (const [pattern, brand] of BRAND_TABLE) if (pattern.test(name)) return brand;
  const stripped = name.replace(COMPANY_FORM, '').replace(/[\s,.]+$/, '').trim();
  return stripped.length > 0 ? stripped.slice(0, 40) : name.slice(0, 40);
}
