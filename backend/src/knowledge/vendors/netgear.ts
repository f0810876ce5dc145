// NETGEAR routers (Nighthawk / genie web interface at http://routerlogin.net).
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.netgear.com/support/', ja: 'https://www.netgear.com/jp/support/' };

export const netgear: VendorGuide = {
  id: 'netgear',
  name: { en: 'NETGEAR', ja: 'NETGEAR（ネットギア）' },
  ieeeVendor: /^NETGEAR\b/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'default-credentials',
      services: ['http', 'telnet', 'ssh'],
      product: { en: 'Routers (web interface)', ja: 'ルーター（Web 画面）' },
      source: 'menu-path',
      menuPath: { en: 'ADVANCED > Administration > Set Password', ja: 'ADVANCED（高度な設定）> Administration（管理）> Set Password（パスワードの設定）' },
      steps: {
        en: [
          'Open http://routerlogin.net and sign in.',
          'Go to ADVANCED > Administration > Set Password, enter the old and a new long, unique password and apply.',
          'Check ADVANCED > Advanced Setup > Remote Management and switch it off unless you need it.',
          'Update the firmware: ADVANCED > Administration > Firmware Update (called Router Update on some models).',
        ],
        ja: [
          'http://routerlogin.net を開いてログインします。',
          '「ADVANCED（高度な設定）> Administration（管理）> Set Password（パスワードの設定）」で、古いパスワードと新しい長いパスワードを入力して適用します。',
          '「ADVANCED > Advanced Setup > Remote Management」を確認し、必要がなければ無効にします。',
          'ファームウェアを更新します（「ADVANCED > Administration > Firmware Update」、機種によっては「Router Update」）。',
        ],
      },
    },
    supportSiteFix('anonymous-access', SUPPORT, { en: 'ReadySHARE FTP access', ja: 'ReadySHARE FTP アクセス' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'disable telnet HTTPS management', ja: 'Telnet 無効 HTTPS 管理' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'firmware update HTTPS', ja: 'ファームウェア 更新 HTTPS' }),
  ],
};
