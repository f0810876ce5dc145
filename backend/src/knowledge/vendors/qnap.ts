// QNAP NAS (QTS 5 / QuTS hero). Paths as the English QTS names them, the Japanese label alongside.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.qnap.com/en/support', ja: 'https://www.qnap.com/ja-jp/support' };

export const qnap: VendorGuide = {
  id: 'qnap',
  name: { en: 'QNAP', ja: 'QNAP' },
  ieeeVendor: /^QNAP Systems\b/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'default-credentials',
      product: { en: 'NAS (QTS)', ja: 'NAS（QTS）' },
      source: 'menu-path',
      menuPath: { en: 'Control Panel > Privilege > Users', ja: 'コントロールパネル > 権限（Privilege）> ユーザー' },
      steps: {
        en: [
          'Sign in to QTS as an administrator and open Control Panel > Privilege > Users.',
          'Change the password of the account that was accepted (often "admin") to a long, unique one; better, create your own administrator and disable "admin".',
          'For Telnet or SSH findings, open Control Panel > Network & File Services > Telnet / SSH and switch off what you do not use.',
          'Run the Security Counselor app from the App Center: it flags default accounts and open services.',
        ],
        ja: [
          '管理者で QTS にログインし、「コントロールパネル > 権限（Privilege）> ユーザー」を開きます。',
          'ログインできてしまったアカウント（「admin」が多い）のパスワードを、ほかで使っていない長いものに変更します。自分用の管理者アカウントを作って「admin」を無効にするとさらに安全です。',
          'Telnet や SSH の問題であれば、「コントロールパネル > ネットワークとファイルサービス > Telnet / SSH」で、使っていないものを無効にします。',
          'App Center から Security Counselor を入れて実行すると、初期アカウントや開いているサービスを指摘してくれます。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['telnet', 'snmp'],
      source: 'menu-path',
      menuPath: { en: 'Control Panel > Network & File Services', ja: 'コントロールパネル > ネットワークとファイルサービス' },
      steps: {
        en: [
          'Open Control Panel > Network & File Services > Telnet / SSH and untick "Allow Telnet connection"; keep SSH only if you need it.',
          'Open Control Panel > Network & File Services > SNMP: switch SNMP off, or choose SNMPv3 with authentication and privacy.',
          'Click Apply.',
        ],
        ja: [
          '「コントロールパネル > ネットワークとファイルサービス > Telnet / SSH」で Telnet 接続の許可を外します。SSH は必要なときだけ有効にします。',
          '「コントロールパネル > ネットワークとファイルサービス > SNMP」で SNMP を無効にするか、認証と暗号化（privacy）を設定した SNMPv3 にします。',
          '「適用」を押します。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['http'],
      source: 'menu-path',
      menuPath: { en: 'Control Panel > System > General Settings', ja: 'コントロールパネル > システム > 一般設定' },
      steps: {
        en: [
          'Open Control Panel > System > General Settings.',
          'Tick "Enable secure connection (HTTPS)" and then "Force secure connection (HTTPS) only", and apply.',
          'Open QTS with https:// from now on.',
        ],
        ja: [
          '「コントロールパネル > システム > 一般設定」を開きます。',
          '「セキュリティで保護された接続（HTTPS）を有効にする」と「HTTPS 接続のみを強制する」にチェックを入れて適用します（英語表示では "Enable secure connection (HTTPS)" と "Force secure connection (HTTPS) only"）。',
          '以後は https:// で QTS を開きます。',
        ],
      },
    },
    supportSiteFix('anonymous-access', SUPPORT, { en: 'FTP server anonymous', ja: 'FTP サーバー 匿名' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'FTP server SSL/TLS (FTPS)', ja: 'FTP サーバー SSL/TLS' }, ['ftp']),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'SSL certificate TLS version', ja: 'SSL 証明書 TLS バージョン' }),
  ],
};
