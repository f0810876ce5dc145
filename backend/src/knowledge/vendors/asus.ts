// ASUS routers (ASUSWRT web interface at http://router.asus.com). Menu names as in ASUSWRT, with
// the Japanese labels of its Japanese interface.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.asus.com/support/', ja: 'https://www.asus.com/jp/support/' };

export const asus: VendorGuide = {
  id: 'asus',
  name: { en: 'ASUS', ja: 'ASUS' },
  ieeeVendor: /^(ASUSTek COMPUTER|Asus Network Technologies)/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'default-credentials',
      services: ['http', 'telnet', 'ssh'],
      product: { en: 'Routers (ASUSWRT)', ja: 'ルーター（ASUSWRT）' },
      source: 'menu-path',
      menuPath: { en: 'Administration > System', ja: '管理（Administration）> システム（System）' },
      steps: {
        en: [
          'Open http://router.asus.com and sign in.',
          'Go to Administration > System, change "Router Login Name" and "New Password" and click Apply.',
          'On the same page set "Enable Telnet" to No and "Enable SSH" to No (or LAN only with a key), and "Enable Web Access from WAN" to No unless you need it.',
          'Update the firmware: Administration > Firmware Upgrade.',
        ],
        ja: [
          'http://router.asus.com を開いてログインします。',
          '「管理 > システム」で、ルーターのログイン名と新しいパスワードを変更して「適用」を押します。',
          '同じ画面で Telnet を「いいえ」、SSH を「いいえ」（使う場合は LAN のみ・鍵認証）にし、必要がなければ WAN からの Web アクセスも「いいえ」にします。',
          'ファームウェアを更新します（「管理 > ファームウェア更新」）。',
        ],
      },
    },
    {
      family: 'anonymous-access',
      services: ['ftp'],
      source: 'menu-path',
      menuPath: { en: 'USB Application > Servers Center > FTP Share', ja: 'USB アプリケーション（USB Application）> サーバーセンター（Servers Center）> FTP 共有（FTP Share）' },
      steps: {
        en: [
          'Go to USB Application > Servers Center > FTP Share.',
          'Set "Allow anonymous login" to OFF, give access only to named accounts, and apply.',
          'If you do not use FTP, set "Enable FTP" to OFF.',
        ],
        ja: [
          '「USB アプリケーション > サーバーセンター > FTP 共有」を開きます。',
          '匿名ログインの許可を「オフ」にし、名前付きのアカウントだけにアクセスを許可して適用します。',
          'FTP を使っていなければ、FTP を「オフ」にします。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['telnet', 'http'],
      source: 'menu-path',
      menuPath: { en: 'Administration > System', ja: '管理（Administration）> システム（System）' },
      steps: {
        en: [
          'Go to Administration > System.',
          'Set "Enable Telnet" to No.',
          'Set "Authentication Method" to HTTPS, apply, and open the router with https:// from then on.',
        ],
        ja: [
          '「管理 > システム」を開きます。',
          'Telnet を「いいえ」にします。',
          '認証方式（Authentication Method）を HTTPS にして適用し、以後は https:// でルーターを開きます。',
        ],
      },
    },
    supportSiteFix('cleartext-service', SUPPORT, { en: 'FTP share TLS', ja: 'FTP 共有 TLS' }, ['ftp']),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'HTTPS certificate Let\'s Encrypt DDNS', ja: 'HTTPS 証明書 Let\'s Encrypt DDNS' }),
  ],
};
