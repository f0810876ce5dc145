import type { KnowledgeEntry } from './types.js';

export const cleartextService: KnowledgeEntry[] = [
  {
    family: 'cleartext-service',
    service: 'telnet',
    severity: 'high',
    title: {
      en: 'Telnet remote login is switched on (unencrypted)',
      ja: 'Telnet によるリモートログインが有効です（暗号化なし）',
    },
    explanation: {
      en: 'Telnet lets anyone on your network try to log in to this device, and everything typed — including the password — travels in clear text that other devices can read. Factory telnet logins are how the Mirai botnet took over hundreds of thousands of cameras and routers.',
      ja: 'Telnet が有効だと、同じネットワーク上の誰でもこの機器へのログインを試せます。入力した内容はパスワードも含めて暗号化されずに流れるため、他の機器から盗み見られるおそれがあります。初期設定のままの Telnet ログインは、Mirai ボットネットが数十万台のカメラやルーターを乗っ取った手口そのものです。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the device's web settings page (type its IP address into a browser) and sign in as the administrator.",
        'Look for a "Network", "Advanced" or "Security" section with a Telnet option, switch Telnet off and save.',
        'If you need remote management, use SSH or the vendor app instead, and make sure the administrator password is not the factory one.',
        'Update the firmware to the latest version: many vendors remove Telnet in updates.',
        "If Telnet cannot be switched off, ask the manufacturer for a firmware update that removes it, and keep the device off networks you don't trust.",
      ],
      ja: [
        'ブラウザーに機器の IP アドレスを入力して設定画面を開き、管理者でログインします。',
        '「ネットワーク」「詳細設定」「セキュリティ」などの項目から Telnet の設定を探し、無効にして保存します。',
        '遠隔で管理する必要がある場合は、Telnet の代わりに SSH やメーカーのアプリを使い、管理者パスワードが初期値のままでないことを確認します。',
        'ファームウェアを最新版に更新します。更新で Telnet を廃止しているメーカーも多くあります。',
        'Telnet を無効にできない場合は、Telnet を廃止したファームウェアの提供をメーカーに依頼し、それまでは信頼できないネットワークにつながないでください。',
      ],
    },
    verify: {
      en: 'Run the re-test for this finding in Mamori: it passes when port 23 no longer answers with a telnet login.',
      ja: 'Mamori でこの問題を再テストします。ポート 23 が Telnet のログインに応答しなくなれば解決です。',
    },
    standards: {
      etsiEn303645: ['5.5-1', '5.6-1'],
      jcStar1: ['通信の保護 / protection of communication', '不要なインターフェースの無効化 / unused interfaces disabled'],
      nistir8425: ['Data Protection', 'Interface Access Control'],
    },
  },
];
