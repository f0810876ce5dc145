// Panasonic (パナソニック): home cameras, TVs, recorders and appliances. Menus vary by product,
// so the steps point to the manual for the model.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.panasonic.com/global/support.html', ja: 'https://panasonic.jp/support/' };

export const panasonic: VendorGuide = {
  id: 'panasonic',
  name: { en: 'Panasonic', ja: 'パナソニック（Panasonic）' },
  ieeeVendor: /^Panasonic\b/i,
  supportUrl: SUPPORT,
  fixes: [
    supportSiteFix('default-credentials', SUPPORT, { en: 'change password network camera', ja: 'パスワード 変更 ネットワークカメラ' }),
    supportSiteFix('anonymous-access', SUPPORT, { en: 'user authentication setting', ja: 'ユーザー認証 設定' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'HTTPS setting', ja: 'HTTPS 設定' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'software update', ja: 'ソフトウェア 更新' }),
  ],
};
