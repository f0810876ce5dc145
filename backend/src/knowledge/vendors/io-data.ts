// I-O DATA (アイ・オー・データ): routers, LANDISK NAS and cameras. Menus differ widely between
// product lines, so every step points to the manual for the exact model.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.iodata.jp/support/', ja: 'https://www.iodata.jp/support/' };

export const ioData: VendorGuide = {
  id: 'io-data',
  name: { en: 'I-O DATA', ja: 'アイ・オー・データ（I-O DATA）' },
  ieeeVendor: /^I-O DATA\b/i,
  supportUrl: SUPPORT,
  fixes: [
    supportSiteFix('default-credentials', SUPPORT, { en: 'administrator password change', ja: '管理者パスワード 変更' }),
    supportSiteFix('anonymous-access', SUPPORT, { en: 'LANDISK FTP access rights', ja: 'LANDISK FTP アクセス権' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'disable FTP telnet', ja: 'FTP 無効 設定' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'firmware update', ja: 'ファームウェア 更新' }),
  ],
};
