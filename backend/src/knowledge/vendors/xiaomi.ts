// Xiaomi (シャオミ): routers, cameras and smart-home devices managed in the Xiaomi Home (Mi Home)
// app. Menus differ by product and region, so steps point to the support site.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.mi.com/global/support', ja: 'https://www.mi.com/jp/support' };

export const xiaomi: VendorGuide = {
  id: 'xiaomi',
  name: { en: 'Xiaomi', ja: 'シャオミ（Xiaomi）' },
  ieeeVendor: /^(Beijing Xiaomi (Electronics|Mobile Software)|Xiaomi Communications|XIAOMI Electronics)/i,
  supportUrl: SUPPORT,
  fixes: [
    supportSiteFix('default-credentials', SUPPORT, { en: 'router administrator password', ja: 'ルーター 管理パスワード' }),
    supportSiteFix('anonymous-access', SUPPORT, { en: 'camera security settings', ja: 'カメラ セキュリティ 設定' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'firmware update', ja: 'ファームウェア アップデート' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'firmware update', ja: 'ファームウェア アップデート' }),
  ],
};
