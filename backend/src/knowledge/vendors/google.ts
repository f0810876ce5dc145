// Google / Nest: speakers, displays, Chromecast, Nest Wifi, cameras. Managed in the Google Home
// app; firmware updates arrive automatically.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://support.google.com/googlenest/', ja: 'https://support.google.com/googlenest/?hl=ja' };

export const google: VendorGuide = {
  id: 'google',
  name: { en: 'Google (Nest)', ja: 'Google（Nest）' },
  ieeeVendor: /^(Google, Inc\.|Nest Labs)/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'tls-weakness',
      product: { en: 'Nest speakers, displays and Chromecast', ja: 'Nest スピーカー・ディスプレイ・Chromecast' },
      source: 'menu-path',
      menuPath: { en: 'Google Home app > device > Settings > Device information', ja: 'Google Home アプリ > デバイス > 設定 > デバイス情報' },
      steps: {
        en: [
          'Google devices use their own certificates between the app and the device; these are not issued for a browser, so a warning in a browser is expected. What matters is that the firmware is current.',
          'In the Google Home app, open the device > Settings > Device information and note the firmware version.',
          'Updates install automatically; if the version is old, restart the device (unplug for a minute) so it fetches the update.',
          'If the device no longer receives updates, plan to replace it.',
        ],
        ja: [
          'Google の機器は、アプリと機器の間で独自の証明書を使います。ブラウザー向けの証明書ではないため、ブラウザーで警告が出るのは想定どおりです。大切なのはファームウェアが最新であることです。',
          'Google Home アプリでデバイスを開き、「設定 > デバイス情報」でファームウェアのバージョンを確認します。',
          '更新は自動で入ります。バージョンが古い場合は、電源を 1 分ほど抜いて再起動し、更新を取得させます。',
          '更新が提供されなくなった機器は、買い替えを検討してください。',
        ],
      },
    },
    supportSiteFix('default-credentials', SUPPORT, { en: 'security settings', ja: 'セキュリティ 設定' }),
    supportSiteFix('anonymous-access', SUPPORT, { en: 'guest mode device access', ja: 'ゲストモード デバイス アクセス' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'security updates', ja: 'セキュリティ アップデート' }),
  ],
};
