// Dahua cameras and recorders. The account menu is stable across web UI versions; for the rest we
// point to Dahua's support site rather than guess (the menus differ between firmware generations).
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.dahuasecurity.com/support', ja: 'https://www.dahuasecurity.com/support' };

export const dahua: VendorGuide = {
  id: 'dahua',
  name: { en: 'Dahua', ja: 'Dahua（ダーファ）' },
  ieeeVendor: /^Zhejiang Dahua (Technology|Zhilian)/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'default-credentials',
      product: { en: 'IP cameras and recorders (web interface)', ja: 'ネットワークカメラ・レコーダー（Web 画面）' },
      source: 'menu-path',
      menuPath: { en: 'Setup > System > Account (newer firmware: Setting > System > Account)', ja: 'Setup（設定）> System（システム）> Account（アカウント）（新しいファームウェアでは Setting > System > Account）' },
      steps: {
        en: [
          "Open the camera's IP address in a browser and sign in as admin.",
          'Go to Setup > System > Account (Setting > System > Account on newer firmware), select the admin (or other accepted) account, click Modify and set a strong password.',
          'Delete or disable any other factory user accounts in the same list (older devices came with more than one).',
          'Update the password in the NVR or app that records this camera.',
        ],
        ja: [
          'ブラウザーでカメラの IP アドレスを開き、admin でログインします。',
          '「Setup > System > Account」（新しいファームウェアでは「Setting > System > Account」）で admin（またはログインできてしまったアカウント）を選び、「Modify（変更）」から強いパスワードを設定します。',
          '同じ一覧にあるほかの初期ユーザーも削除または無効にします（古い機種には初期ユーザーが複数あります）。',
          'このカメラを録画しているレコーダーやアプリのパスワードも変更します。',
        ],
      },
    },
    supportSiteFix('anonymous-access', SUPPORT, { en: 'anonymous login ONVIF authentication', ja: 'anonymous login ONVIF authentication' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'system service HTTPS SSH', ja: 'System Service HTTPS SSH' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'HTTPS certificate firmware', ja: 'HTTPS certificate firmware（証明書 ファームウェア）' }),
  ],
};
