// Synology NAS (DSM 7). Menu paths as DSM 7 names them; the Japanese DSM labels where we know them,
// the English label in brackets where the Japanese one may differ.
import type { VendorGuide } from '../types.js';

export const synology: VendorGuide = {
  id: 'synology',
  name: { en: 'Synology', ja: 'Synology' },
  ieeeVendor: /^Synology\b/i,
  supportUrl: { en: 'https://www.synology.com/en-global/support', ja: 'https://www.synology.com/ja-jp/support' },
  fixes: [
    {
      family: 'default-credentials',
      product: { en: 'DiskStation (DSM 7)', ja: 'DiskStation（DSM 7）' },
      source: 'menu-path',
      menuPath: { en: 'Control Panel > User & Group', ja: 'コントロールパネル > ユーザーとグループ' },
      steps: {
        en: [
          'Sign in to DSM as an administrator and open Control Panel > User & Group.',
          'Select the account that was accepted (often "admin" or "guest"), click Edit and set a long, unique password — or disable the account if nobody uses it (DSM 7 ships with "admin" disabled).',
          'For SSH or Telnet findings, also open Control Panel > Terminal & SNMP > Terminal and untick "Enable Telnet service" (and "Enable SSH service" if you do not use it).',
          'Turn on Control Panel > Security > Account > "Enable auto block" so repeated wrong passwords are blocked.',
        ],
        ja: [
          '管理者で DSM にログインし、「コントロールパネル > ユーザーとグループ」を開きます。',
          'ログインできてしまったアカウント（「admin」や「guest」が多い）を選んで「編集」を押し、ほかで使っていない長いパスワードを設定します。使っていないアカウントなら無効にします（DSM 7 では「admin」は初期状態で無効です）。',
          'SSH や Telnet の問題であれば、「コントロールパネル > Terminal & SNMP（端末と SNMP）> 端末」で Telnet サービスの有効化のチェックを外します（SSH も使っていなければ外します）。',
          '「コントロールパネル > セキュリティ > アカウント」で自動ブロックを有効にし、パスワードを何度も間違えたアクセスを遮断します。',
        ],
      },
    },
    {
      family: 'anonymous-access',
      services: ['ftp'],
      source: 'menu-path',
      menuPath: { en: 'Control Panel > File Services > FTP', ja: 'コントロールパネル > ファイルサービス > FTP' },
      steps: {
        en: [
          'Open Control Panel > File Services > FTP.',
          'In the anonymous FTP settings of that tab, switch anonymous FTP off, and apply.',
          'Also check Control Panel > User & Group: the "guest" account should stay disabled.',
        ],
        ja: [
          '「コントロールパネル > ファイルサービス > FTP」を開きます。',
          '同じタブの匿名 FTP の設定で匿名 FTP を無効にし、「適用」を押します。',
          '「コントロールパネル > ユーザーとグループ」で、「guest」アカウントが無効のままであることも確認します。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['ftp'],
      source: 'menu-path',
      menuPath: { en: 'Control Panel > File Services > FTP', ja: 'コントロールパネル > ファイルサービス > FTP' },
      steps: {
        en: [
          'Open Control Panel > File Services > FTP.',
          'Untick "Enable FTP service (No encryption)"; if you need FTP, tick "Enable FTP SSL/TLS encryption service (FTPS)" instead, or use SFTP (its section on the same tab).',
          'Click Apply and update the FTP clients that connect to the NAS.',
        ],
        ja: [
          '「コントロールパネル > ファイルサービス > FTP」を開きます。',
          '暗号化なしの FTP サービスを有効にする項目のチェックを外します。FTP が必要なら、代わりに FTP SSL/TLS 暗号化サービス（FTPS）を有効にするか、同じタブの SFTP の項目で SFTP を使います。',
          '「適用」を押し、NAS に接続している FTP ソフトの設定も変更します。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['telnet', 'snmp'],
      source: 'menu-path',
      menuPath: { en: 'Control Panel > Terminal & SNMP', ja: 'コントロールパネル > Terminal & SNMP（端末と SNMP）' },
      steps: {
        en: [
          'Open Control Panel > Terminal & SNMP.',
          'Terminal tab: untick "Enable Telnet service"; use SSH only if you need a command line.',
          'SNMP tab: untick SNMP if you have no monitoring system, or allow only SNMPv3 with a user name, password and privacy (encryption).',
        ],
        ja: [
          '「コントロールパネル > Terminal & SNMP（端末と SNMP）」を開きます。',
          '端末（Terminal）タブで Telnet サービスの有効化のチェックを外します。コマンドラインが必要なときだけ SSH を使います。',
          'SNMP タブでは、監視システムを使っていなければ SNMP を無効にし、使う場合はユーザー名・パスワード・暗号化（privacy）を設定した SNMPv3 だけを許可します。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['http'],
      source: 'menu-path',
      menuPath: { en: 'Control Panel > Login Portal > DSM', ja: 'コントロールパネル > ログインポータル > DSM' },
      steps: {
        en: [
          'Open Control Panel > Login Portal > DSM.',
          'Tick "Automatically redirect HTTP connection to HTTPS for DSM desktop" and save.',
          'From now on open DSM with https:// (port 5001 by default).',
        ],
        ja: [
          '「コントロールパネル > ログインポータル > DSM」を開きます。',
          'HTTP 接続を HTTPS に自動的にリダイレクトする項目にチェックを入れて保存します。',
          '以後は https://（初期設定ではポート 5001）で DSM を開きます。',
        ],
      },
    },
    {
      family: 'tls-weakness',
      source: 'menu-path',
      menuPath: { en: 'Control Panel > Security > Certificate', ja: 'コントロールパネル > セキュリティ > 証明書' },
      steps: {
        en: [
          'Open Control Panel > Security > Certificate and replace an expired or self-signed certificate: "Add" > "Get a certificate from Let\'s Encrypt" works when the NAS has a domain name (for example a Synology DDNS name).',
          'Open Control Panel > Security > Advanced and set the TLS / SSL profile level to "Modern compatibility" (or at least "Intermediate"), which drops TLS 1.0/1.1.',
          'Install the latest DSM from Control Panel > Update & Restore.',
        ],
        ja: [
          '「コントロールパネル > セキュリティ > 証明書」で、期限切れや自己署名の証明書を差し替えます。NAS にドメイン名（Synology の DDNS 名など）があれば「追加」から Let\'s Encrypt の証明書を取得できます。',
          '「コントロールパネル > セキュリティ > 詳細設定」で TLS / SSL のプロファイルレベルを「Modern compatibility（最新の互換性）」、少なくとも「Intermediate compatibility（中間の互換性）」にし、TLS 1.0/1.1 を無効にします。',
          '「コントロールパネル > 更新と復元」から最新の DSM に更新します。',
        ],
      },
    },
  ],
};
