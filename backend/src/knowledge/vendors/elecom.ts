// ELECOM (エレコム): Wi-Fi routers and network storage. Steps point to the manual for the model,
// since the menus differ between router generations.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.elecom.co.jp/support/', ja: 'https://www.elecom.co.jp/support/' };

export const elecom: VendorGuide = {
  id: 'elecom',
  name: { en: 'ELECOM', ja: 'エレコム（ELECOM）' },
  ieeeVendor: /^ELECOM Co/i,
  supportUrl: SUPPORT,
  fixes: [
    supportSiteFix('default-credentials', SUPPORT, { en: 'router administrator password change', ja: 'ルーター 管理者パスワード 変更' }),
    supportSiteFix('anonymous-access', SUPPORT, { en: 'network storage access restriction', ja: 'ネットワーク ストレージ アクセス制限' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'router settings security', ja: 'ルーター 設定画面 セキュリティ' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'firmware update', ja: 'ファームウェア 更新' }),
  ],
};
