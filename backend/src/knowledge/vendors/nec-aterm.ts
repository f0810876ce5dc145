// NEC Aterm routers (made by NEC Platforms): the settings page is called クイック設定Web.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.aterm.jp/support/', ja: 'https://www.aterm.jp/support/' };

export const necAterm: VendorGuide = {
  id: 'nec-aterm',
  name: { en: 'NEC (Aterm)', ja: 'NEC（Aterm）' },
  ieeeVendor: /^NEC (Platforms|Corporation)\b/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'default-credentials',
      services: ['http', 'telnet', 'ssh'],
      product: { en: 'Aterm Wi-Fi routers', ja: 'Aterm（Wi-Fi ルーター）' },
      source: 'menu-path',
      menuPath: { en: 'クイック設定Web (Quick Setting Web) > メンテナンス (Maintenance) > 管理者パスワードの変更 (Change administrator password)', ja: 'クイック設定Web > メンテナンス > 管理者パスワードの変更' },
      steps: {
        en: [
          'Open クイック設定Web (Quick Setting Web): type the router\'s IP address (often http://192.168.10.1, or http://aterm.me on recent models) into a browser and sign in.',
          'Go to メンテナンス (Maintenance) > 管理者パスワードの変更 (Change administrator password), enter a new long, unique password and click 設定 (Apply).',
          'Update the firmware: メンテナンス > ファームウェア更新 (Firmware update); turn on automatic updates if the model offers them.',
        ],
        ja: [
          'ブラウザーにルーターの IP アドレス（多くは http://192.168.10.1、最近の機種は http://aterm.me）を入力して、クイック設定Web にログインします。',
          '「メンテナンス > 管理者パスワードの変更」で、ほかで使っていない長いパスワードを入力し、「設定」を押します。',
          '「メンテナンス > ファームウェア更新」でファームウェアを最新にします。自動更新に対応した機種では自動更新を有効にします。',
        ],
      },
    },
    supportSiteFix('anonymous-access', SUPPORT, { en: 'USB storage sharing access', ja: 'USB ストレージ 共有 アクセス' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'Quick Setting Web security', ja: 'クイック設定Web セキュリティ' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'firmware update', ja: 'ファームウェア 更新' }),
    // The UPnP setting's place in クイック設定Web differs between Aterm models: the manual, not a guess.
    supportSiteFix('internet-exposure', SUPPORT, { en: 'UPnP function', ja: 'UPnP機能' }),
  ],
};
