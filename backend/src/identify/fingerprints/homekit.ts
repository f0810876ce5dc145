// HomeKit accessories say what they are: the ci= TXT key of _hap._tcp is the accessory category
// (HomeKit Accessory Protocol specification, "Accessory Categories").
import type { DeviceType } from '../../core/types.js';
import type { Rule } from './types.js';

const CATEGORIES: ReadonlyArray<[number, DeviceType, string, string]> = [
  [2, 'hub', 'bridge', 'ブリッジ'],
  [5, 'light', 'lightbulb', '電球'],
  [7, 'plug', 'outlet', 'コンセント'],
  [8, 'plug', 'switch', 'スイッチ'],
  [9, 'thermostat', 'thermostat', 'サーモスタット'],
  [17, 'camera', 'IP camera', 'IP カメラ'],
  [18, 'camera', 'video doorbell', 'ビデオドアホン'],
  [19, 'appliance', 'air purifier', '空気清浄機'],
  [20, 'thermostat', 'heater', 'ヒーター'],
  [21, 'appliance', 'air conditioner', 'エアコン'],
  [26, 'speaker', 'speaker', 'スピーカー'],
  [31, 'tv', 'television', 'テレビ'],
];

export const homekit: readonly Rule[] = CATEGORIES.map(([ci, type, en, ja]) => ({
  when: { mdns: '_hap._tcp', txt: { key: 'ci', match: new RegExp(`^${ci}$`) } },
  type,
  weight: 90,
  model: { txt: ['md'] },
  note: { en: `HomeKit ${en}`, ja: `HomeKit の${ja}` },
}));
