// Amazon: Echo, Fire TV, Ring, Blink. Echo and Ring are managed in their apps; Fire TV in its own
// settings menu, named here as Fire OS shows it.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.amazon.com/gp/help/customer/display.html', ja: 'https://www.amazon.co.jp/gp/help/customer/display.html' };

export const amazon: VendorGuide = {
  id: 'amazon',
  name: { en: 'Amazon (Echo, Fire TV, Ring, Blink)', ja: 'Amazon（Echo・Fire TV・Ring・Blink）' },
  ieeeVendor: /^(Amazon Technologies|Amazon\.com|Blink by Amazon)/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'cleartext-service',
      product: { en: 'Fire TV', ja: 'Fire TV' },
      source: 'menu-path',
      menuPath: { en: 'Settings > My Fire TV > Developer Options', ja: '設定 > マイ Fire TV > 開発者オプション' },
      steps: {
        en: [
          'On the Fire TV, open Settings > My Fire TV > Developer Options and switch "ADB debugging" and "Apps from Unknown Sources" off unless you use them.',
          'Open Settings > My Fire TV > About and choose "Check for Updates" (or "Install Update").',
          'Remove apps you did not install yourself, especially "server" or "remote" apps that opened this service.',
        ],
        ja: [
          'Fire TV で「設定 > マイ Fire TV > 開発者オプション」を開き、使っていなければ「ADB デバッグ」と「提供元不明のアプリ」をオフにします。',
          '「設定 > マイ Fire TV > バージョン情報」で「アップデートを確認」（または「アップデートをインストール」）を選びます。',
          '自分で入れた覚えのないアプリ、特にこのサービスを開いた「サーバー」や「リモート」系のアプリは削除します。',
        ],
      },
    },
    supportSiteFix('default-credentials', SUPPORT, { en: 'device security Ring Blink password', ja: 'デバイス セキュリティ パスワード' }),
    supportSiteFix('anonymous-access', SUPPORT, { en: 'device privacy settings', ja: 'デバイス プライバシー 設定' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'software updates for Echo and Fire TV', ja: 'Echo Fire TV ソフトウェアアップデート' }),
  ],
};
