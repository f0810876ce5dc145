// Device types as people say them, for the reasons shown next to a guess.
import type { DeviceType } from '../../core/types.js';

export const TYPE_LABELS: Record<DeviceType, { en: string; ja: string }> = {
  router: { en: 'router', ja: 'ルーター' },
  camera: { en: 'camera', ja: 'カメラ' },
  speaker: { en: 'speaker', ja: 'スピーカー' },
  tv: { en: 'TV', ja: 'テレビ' },
  'media-player': { en: 'media player', ja: 'メディアプレーヤー' },
  printer: { en: 'printer', ja: 'プリンター' },
  nas: { en: 'NAS', ja: 'NAS' },
  plug: { en: 'smart plug', ja: 'スマートプラグ' },
  light: { en: 'light', ja: '照明' },
  hub: { en: 'hub', ja: 'ハブ' },
  thermostat: { en: 'thermostat', ja: 'サーモスタット' },
  appliance: { en: 'appliance', ja: '家電' },
  phone: { en: 'phone', ja: 'スマートフォン' },
  computer: { en: 'computer', ja: 'コンピューター' },
  unknown: { en: 'unknown', ja: '不明' },
};
