// Buffalo (バッファロー): AirStation routers, whose settings page uses Japanese menu names even when
// the English steps are read; LinkStation/TeraStation NAS point to the support site.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.buffalo.jp/support/', ja: 'https://www.buffalo.jp/support/' };

export const buffalo: VendorGuide = {
  id: 'buffalo',
  name: { en: 'Buffalo', ja: 'バッファロー（Buffalo）' },
  ieeeVendor: /^BUFFALO\.INC$/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'default-credentials',
      services: ['http', 'telnet', 'ssh'],
      product: { en: 'AirStation Wi-Fi routers', ja: 'AirStation（Wi-Fi ルーター）' },
      source: 'menu-path',
      menuPath: { en: '詳細設定 (Advanced) > 管理 (Management) > システム設定 (System settings)', ja: '詳細設定 > 管理 > システム設定' },
      steps: {
        en: [
          'Open the AirStation settings page (the router\'s IP address, usually http://192.168.11.1) and sign in.',
          'Go to 詳細設定 (Advanced) > 管理 (Management) > システム設定 (System settings), set a new administrator password (管理パスワード) and click 設定 (Apply).',
          'Update the firmware: 詳細設定 > 管理 > ファームウェア更新 (Firmware update).',
        ],
        ja: [
          'エアステーションの設定画面（ルーターの IP アドレス、通常は http://192.168.11.1）を開いてログインします。',
          '「詳細設定 > 管理 > システム設定」で新しい管理パスワードを入力し、「設定」を押します。',
          '「詳細設定 > 管理 > ファームウェア更新」でファームウェアを最新にします。',
        ],
      },
    },
    supportSiteFix('default-credentials', SUPPORT, { en: 'LinkStation TeraStation administrator password', ja: 'LinkStation TeraStation 管理者パスワード 変更' }, ['ftp', 'rtsp', 'mqtt', 'snmp', 'snmp-write']),
    supportSiteFix('anonymous-access', SUPPORT, { en: 'FTP access restriction', ja: 'FTP アクセス制限' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'disable FTP', ja: 'FTP 無効 暗号化' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'firmware update SSL', ja: 'ファームウェア 更新 SSL' }),
  ],
};
