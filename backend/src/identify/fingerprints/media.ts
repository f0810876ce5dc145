// Speakers, streaming players and TVs (one file: the same protocols tell them apart).
import type { Rule } from './types.js';

export const media: readonly Rule[] = [
  // Google Cast: the md= TXT key is the model; speakers and screens share the protocol.
  { when: { mdns: '_googlecast._tcp', txt: { key: 'md', match: /Google Home|Nest (Mini|Audio)|Home Mini|Speaker|Sound/i } }, type: 'speaker', weight: 85, model: { txt: ['md'] } },
  { when: { mdns: '_googlecast._tcp', txt: { key: 'md', match: /Chromecast|Google TV|Shield/i } }, type: 'media-player', weight: 85, model: { txt: ['md'] } },
  { when: { mdns: '_googlecast._tcp', txt: { key: 'md', match: /TV|BRAVIA|AQUOS|REGZA|VIERA/i } }, type: 'tv', weight: 85, model: { txt: ['md'] } },
  { when: { mdns: '_googlecast._tcp' }, type: 'media-player', weight: 50, model: { txt: ['md'] }, note: { en: 'Google Cast', ja: 'Google Cast' } },
  { when: { mdns: '_googlezone._tcp' }, type: 'speaker', weight: 40, note: { en: 'Google Cast speaker group', ja: 'Google Cast のスピーカーグループ' } },
  // AirPlay: model= says which Apple box (or which licensee's speaker).
  { when: { mdns: '_airplay._tcp', txt: { key: 'model', match: /^AppleTV/i } }, type: 'media-player', weight: 90, model: { txt: ['model'] }, note: { en: 'Apple TV', ja: 'Apple TV' } },
  { when: { mdns: '_airplay._tcp', txt: { key: 'model', match: /^AudioAccessory|HomePod/i } }, type: 'speaker', weight: 90, model: { txt: ['model'] }, note: { en: 'HomePod', ja: 'HomePod' } },
  { when: { mdns: '_airplay._tcp' }, type: 'media-player', weight: 50, model: { txt: ['model'] }, note: { en: 'AirPlay receiver', ja: 'AirPlay 受信機' } },
  { when: { mdns: '_raop._tcp' }, type: 'speaker', weight: 50, model: { txt: ['am'] }, note: { en: 'AirPlay audio receiver', ja: 'AirPlay 音声受信機' } },
  { when: { mdns: '_sonos._tcp' }, type: 'speaker', weight: 90 },
  { when: { mdns: '_spotify-connect._tcp' }, type: 'speaker', weight: 40 },
  { when: { mdns: '_amzn-wplay._tcp' }, type: 'media-player', weight: 60, note: { en: 'Amazon Fire TV', ja: 'Amazon Fire TV' } },
  { when: { mdns: '_androidtvremote2._tcp' }, type: 'tv', weight: 70, note: { en: 'Android TV remote', ja: 'Android TV のリモコン' } },
  { when: { upnpDeviceType: /urn:schemas-upnp-org:device:ZonePlayer:\d/ }, type: 'speaker', weight: 90, model: 'upnp' },
  { when: { upnpDeviceType: /urn:roku-com:device:player/i }, type: 'media-player', weight: 90, model: 'upnp' },
  { when: { upnpDeviceType: /urn:dial-multiscreen-org:device:dial:\d/ }, type: 'tv', weight: 50, model: 'upnp', note: { en: 'DIAL (TV apps)', ja: 'DIAL（テレビアプリ）' } },
  { when: { upnpDeviceType: /:device:MediaRenderer:\d/ }, type: 'media-player', weight: 50, model: 'upnp' },
  { when: { upnpModel: /BRAVIA|AQUOS|REGZA|VIERA|Smart ?TV|webOS TV/i }, type: 'tv', weight: 80, model: 'upnp' },
  { when: { vendor: /^(Sonos|Bose)/i }, type: 'speaker', weight: 70 },
  { when: { vendor: /^Roku/i }, type: 'media-player', weight: 80 },
  { when: { vendor: /^(Vizio|Hisense|TCL)/i }, type: 'tv', weight: 50 },
  { when: { name: /\b(speaker|homepod|echo|sonos)\b/i }, type: 'speaker', weight: 50 },
  { when: { name: /\b(apple-?tv|chromecast|fire-?tv|roku)\b/i }, type: 'media-player', weight: 50 },
  { when: { name: /\b(tv|bravia|aquos|regza|viera)\b/i }, type: 'tv', weight: 50 },
  { when: { service: 'adb' }, type: 'media-player', weight: 60,
    note: { en: 'Android debug bridge over the network: Android TV boxes and Fire TV sticks', ja: 'ネットワーク経由の Android デバッグ（Android TV ボックスや Fire TV に多い）' } },
];
