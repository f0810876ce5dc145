// Hikvision cameras and recorders, web interface of current firmware (Configuration menu).
// The web UI may be shown in Japanese; the English label is given with a Japanese hint.
import type { VendorGuide } from '../types.js';

export const hikvision: VendorGuide = {
  id: 'hikvision',
  name: { en: 'Hikvision', ja: 'Hikvision（ハイクビジョン）' },
  ieeeVendor: /Hikvision/i,
  supportUrl: { en: 'https://www.hikvision.com/en/support/', ja: 'https://www.hikvision.com/en/support/' },
  fixes: [
    {
      family: 'default-credentials',
      product: { en: 'IP cameras and NVRs (web interface)', ja: 'ネットワークカメラ・レコーダー（Web 画面）' },
      source: 'menu-path',
      menuPath: { en: 'Configuration > System > User Management', ja: 'Configuration（設定）> System（システム）> User Management（ユーザー管理）' },
      steps: {
        en: [
          "Open the camera's IP address in a browser and sign in as admin.",
          'Go to Configuration > System > User Management, select the admin (or other accepted) account, click Modify and set a strong password.',
          'For an SSH finding, go to Configuration > System > Security > Security Service and untick "Enable SSH".',
          'If the camera is connected to an NVR, change the password there too (NVR: camera management), so recording continues.',
        ],
        ja: [
          'ブラウザーでカメラの IP アドレスを開き、admin でログインします。',
          '「Configuration（設定）> System（システム）> User Management（ユーザー管理）」で admin（またはログインできてしまったアカウント）を選び、「Modify（変更）」から強いパスワードを設定します。',
          'SSH の問題であれば、「Configuration > System > Security > Security Service」で「Enable SSH」のチェックを外します。',
          'レコーダー（NVR）につないでいる場合は、レコーダー側のカメラ管理でもパスワードを変更し、録画が止まらないようにします。',
        ],
      },
    },
    {
      family: 'anonymous-access',
      services: ['rtsp', 'http'],
      source: 'menu-path',
      menuPath: { en: 'Configuration > System > Security > Authentication', ja: 'Configuration（設定）> System（システム）> Security（セキュリティ）> Authentication（認証）' },
      steps: {
        en: [
          'Go to Configuration > System > Security > Authentication.',
          'Set RTSP Authentication and WEB Authentication to "digest" and save.',
          'Under Configuration > System > User Management, make sure anonymous or guest viewing is not enabled.',
        ],
        ja: [
          '「Configuration > System > Security > Authentication」を開きます。',
          'RTSP Authentication と WEB Authentication を「digest」にして保存します。',
          '「Configuration > System > User Management」で、匿名（anonymous）やゲストでの閲覧が有効になっていないことを確認します。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['rtsp'],
      source: 'menu-path',
      menuPath: { en: 'Configuration > System > Security > Authentication', ja: 'Configuration（設定）> System（システム）> Security（セキュリティ）> Authentication（認証）' },
      steps: {
        en: [
          'Go to Configuration > System > Security > Authentication and set RTSP Authentication to "digest", so the password is not sent in clear.',
          'Keep cameras on their own network (or the NVR\'s PoE ports) and never forward RTSP (port 554) from the router.',
        ],
        ja: [
          '「Configuration > System > Security > Authentication」で RTSP Authentication を「digest」にし、パスワードがそのまま送られないようにします。',
          'カメラは専用のネットワーク（またはレコーダーの PoE ポート）に置き、ルーターで RTSP（ポート 554）を転送しないでください。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['http', 'snmp'],
      source: 'menu-path',
      menuPath: { en: 'Configuration > Network > Advanced Settings', ja: 'Configuration（設定）> Network（ネットワーク）> Advanced Settings（詳細設定）' },
      steps: {
        en: [
          'HTTP: go to Configuration > Network > Advanced Settings > HTTPS, enable HTTPS and open the camera with https:// from then on.',
          'SNMP: go to Configuration > Network > Advanced Settings > SNMP; disable SNMP v1/v2c, and enable SNMPv3 only if a monitoring system needs it.',
        ],
        ja: [
          'HTTP：「Configuration > Network > Advanced Settings > HTTPS」で HTTPS を有効にし、以後は https:// でカメラを開きます。',
          'SNMP：「Configuration > Network > Advanced Settings > SNMP」で SNMP v1/v2c を無効にし、監視システムが必要とする場合だけ SNMPv3 を有効にします。',
        ],
      },
    },
    {
      family: 'tls-weakness',
      source: 'menu-path',
      menuPath: { en: 'Configuration > Network > Advanced Settings > HTTPS', ja: 'Configuration（設定）> Network（ネットワーク）> Advanced Settings（詳細設定）> HTTPS' },
      steps: {
        en: [
          'Update the firmware (Configuration > System > Maintenance > Upgrade & Maintenance): recent firmware disables TLS 1.0/1.1.',
          'In Configuration > Network > Advanced Settings > HTTPS, delete the expired or default certificate and create or install a new one.',
        ],
        ja: [
          'ファームウェアを更新します（「Configuration > System > Maintenance > Upgrade & Maintenance」）。新しいファームウェアでは TLS 1.0/1.1 が無効になっています。',
          '「Configuration > Network > Advanced Settings > HTTPS」で期限切れや初期の証明書を削除し、新しい証明書を作成または導入します。',
        ],
      },
    },
  ],
};
