// Philips Hue (Signify): the Hue Bridge and lights. The bridge's local API is protected by the
// link button, not a password; what the owner controls is updates and which apps are paired.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.philips-hue.com/en-us/support', ja: 'https://www.philips-hue.com/ja-jp/support' };

export const philipsHue: VendorGuide = {
  id: 'philips-hue',
  name: { en: 'Philips Hue (Signify)', ja: 'Philips Hue（Signify）' },
  ieeeVendor: /^(Philips Lighting\b|Signify\b)/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'cleartext-service',
      services: ['http'],
      product: { en: 'Hue Bridge', ja: 'Hue ブリッジ' },
      source: 'menu-path',
      menuPath: { en: 'Hue app > Settings > Software update', ja: 'Hue アプリ > 設定 > ソフトウェアアップデート' },
      steps: {
        en: [
          'The Hue Bridge still answers plain HTTP for older apps; current bridge software also offers HTTPS, which the Hue app uses.',
          'In the Hue app, open Settings > Software update, install pending updates and turn on automatic updates.',
          'If you linked apps or services to the bridge that you no longer use, unlink them (the Hue support site explains where, for your app version).',
          'Keep the bridge on your home network only; never forward its ports from the router.',
        ],
        ja: [
          'Hue ブリッジは古いアプリのために暗号化なしの HTTP にも応答します。現在のブリッジのソフトウェアは HTTPS にも対応しており、Hue アプリは HTTPS を使います。',
          'Hue アプリで「設定 > ソフトウェアアップデート」を開き、未適用の更新を入れて自動アップデートを有効にします。',
          '使わなくなったアプリやサービスをブリッジに連携している場合は、連携を解除します（場所はアプリのバージョンにより異なるため、Hue のサポートサイトで確認してください）。',
          'ブリッジは家庭内ネットワークだけで使い、ルーターでポートを転送しないでください。',
        ],
      },
    },
    supportSiteFix('anonymous-access', SUPPORT, { en: 'Hue Bridge security', ja: 'Hue ブリッジ セキュリティ' }),
    supportSiteFix('default-credentials', SUPPORT, { en: 'Hue Bridge security', ja: 'Hue ブリッジ セキュリティ' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'Hue Bridge software update', ja: 'Hue ブリッジ ソフトウェアアップデート' }),
  ],
};
