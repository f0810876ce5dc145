// TP-Link: Archer routers (web interface) and Tapo cameras (Tapo app). Router menus moved from
// "System Tools" to "System" in newer firmware; both are named.
import type { VendorGuide } from '../types.js';
import { supportSiteFix } from './support-site.js';

const SUPPORT = { en: 'https://www.tp-link.com/support/', ja: 'https://www.tp-link.com/jp/support/' };

export const tpLink: VendorGuide = {
  id: 'tp-link',
  name: { en: 'TP-Link', ja: 'TP-Link' },
  ieeeVendor: /^TP-LINK\b/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'default-credentials',
      services: ['http', 'telnet', 'ssh'],
      product: { en: 'Archer routers (web interface)', ja: 'Archer シリーズのルーター（Web 画面）' },
      source: 'menu-path',
      menuPath: {
        en: 'Advanced > System Tools > Administration (newer firmware: Advanced > System > Administration)',
        ja: '詳細設定（Advanced）> システムツール（System Tools）> 管理（Administration）（新しいファームウェアでは 詳細設定 > システム > 管理）',
      },
      steps: {
        en: [
          'Open http://tplinkwifi.net (or the router\'s IP address) and sign in.',
          'Go to Advanced > System Tools > Administration (Advanced > System > Administration on newer firmware), change the password under Account Management and save.',
          'On the same page, check that Remote Management is off unless you need it.',
          'Update the firmware: Advanced > System Tools > Firmware Upgrade (newer: Advanced > System > Firmware Update).',
        ],
        ja: [
          'http://tplinkwifi.net（またはルーターの IP アドレス）を開いてログインします。',
          '「詳細設定 > システムツール > 管理」（新しいファームウェアでは「詳細設定 > システム > 管理」）のアカウント管理でパスワードを変更して保存します。',
          '同じ画面で、必要がなければリモート管理が無効になっていることを確認します。',
          'ファームウェアを更新します（「詳細設定 > システムツール > ファームウェアアップグレード」、新しいファームウェアでは「詳細設定 > システム > ファームウェア更新」）。',
        ],
      },
    },
    {
      family: 'default-credentials',
      services: ['rtsp'],
      product: { en: 'Tapo cameras (Tapo app)', ja: 'Tapo カメラ（Tapo アプリ）' },
      source: 'menu-path',
      menuPath: { en: 'Tapo app > camera > Settings > Advanced Settings > Camera Account', ja: 'Tapo アプリ > カメラ > 設定 > 高度な設定（Advanced Settings）> カメラアカウント（Camera Account）' },
      steps: {
        en: [
          'In the Tapo app, open the camera and tap the settings (gear) icon.',
          'Go to Advanced Settings > Camera Account and set a new user name and a long, unique password for RTSP/ONVIF.',
          'Enter the new account in the NVR or app that watches the camera over RTSP.',
        ],
        ja: [
          'Tapo アプリでカメラを開き、設定（歯車）アイコンをタップします。',
          '「高度な設定 > カメラアカウント」で、RTSP/ONVIF 用の新しいユーザー名と、ほかで使っていない長いパスワードを設定します。',
          'RTSP でカメラを見ているレコーダーやアプリに、新しいアカウントを設定し直します。',
        ],
      },
    },
    supportSiteFix('anonymous-access', SUPPORT, { en: 'USB sharing FTP authentication', ja: 'USB 共有 FTP 認証' }),
    supportSiteFix('cleartext-service', SUPPORT, { en: 'HTTPS local management', ja: 'HTTPS ローカル管理' }),
    supportSiteFix('tls-weakness', SUPPORT, { en: 'firmware update HTTPS', ja: 'ファームウェア 更新 HTTPS' }),
  ],
};
