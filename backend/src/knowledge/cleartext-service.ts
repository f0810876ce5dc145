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
  {
    family: 'cleartext-service',
    service: 'ftp',
    severity: 'medium',
    title: {
      en: 'FTP file sharing sends passwords and files unencrypted',
      ja: 'FTP のファイル共有がパスワードとファイルを暗号化せずに送っています',
    },
    explanation: {
      en: 'FTP sends the user name, the password and every file in clear text. Any device on the same network that is compromised or listening (for example over Wi-Fi) can capture the password and then use it on this and your other accounts.',
      ja: 'FTP はユーザー名・パスワード・ファイルの中身をすべて暗号化せずに送ります。同じネットワークにある乗っ取られた機器や、Wi-Fi を盗聴している機器がパスワードを拾い、この機器やほかのアカウントで悪用するおそれがあります。',
    },
    responsible: ['user', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings (its web page or app) and sign in as the administrator.",
        'If nobody uses FTP, switch the FTP service off.',
        'If you need remote file access, use SFTP, FTPS ("FTP over TLS", often an option next to FTP) or SMB file sharing instead.',
        'If the FTP password is also used elsewhere, change it there too: it may already have been seen.',
      ],
      ja: [
        '機器の設定画面（Web ページまたはアプリ）を開き、管理者でログインします。',
        'FTP を誰も使っていなければ、FTP サービスを無効にします。',
        '遠隔でファイルを扱う必要がある場合は、SFTP、FTPS（「FTP over TLS」。FTP の設定の近くにあることが多い）、または SMB のファイル共有を使います。',
        'FTP のパスワードをほかでも使っている場合は、そちらも変更します。すでに盗み見られている可能性があるためです。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when port 21 no longer offers a plain FTP login (or requires TLS before the login).',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。ポート 21 で暗号化なしの FTP ログインができなくなれば（またはログイン前に TLS が必須になれば）解決です。',
    },
    standards: {
      etsiEn303645: ['5.5-1', '5.5-7', '5.6-1'],
      jcStar1: ['通信の保護 / protection of communication', '不要なインターフェースの無効化 / unused interfaces disabled'],
      nistir8425: ['Data Protection', 'Interface Access Control'],
    },
  },
  {
    family: 'cleartext-service',
    service: 'http',
    severity: 'medium',
    title: {
      en: 'The settings page works over unencrypted HTTP',
      ja: '設定画面が暗号化されていない HTTP で動いています',
    },
    explanation: {
      en: 'When you sign in to this page, your password travels across the network unencrypted. A compromised device on your network, or someone on your Wi-Fi, can capture it and later sign in as you.',
      ja: 'この画面にログインすると、パスワードが暗号化されずにネットワークを流れます。同じネットワーク上の乗っ取られた機器や、Wi-Fi に入り込んだ人がそれを拾い、あとであなたになりすましてログインできます。',
    },
    responsible: ['user', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings and look for an \"HTTPS\", \"SSL/TLS\" or \"Secure connection\" option; switch it on and, if offered, redirect HTTP to HTTPS.",
        'From then on, open the settings with https:// in front of the address.',
        'If the device offers no HTTPS, manage it only from a wired connection or a trusted network, and use a password that you do not use anywhere else.',
        'Ask the manufacturer for a firmware that supports HTTPS if none is available.',
      ],
      ja: [
        '機器の設定画面を開き、「HTTPS」「SSL/TLS」「暗号化通信」などの項目を探して有効にします。選べる場合は HTTP から HTTPS への自動転送も有効にします。',
        'それ以降は、アドレスの先頭に https:// を付けて設定画面を開きます。',
        'HTTPS に対応していない機器は、有線接続や信頼できるネットワークからだけ設定し、ほかで使っていないパスワードを使ってください。',
        'HTTPS に対応したファームウェアがない場合は、メーカーに提供を求めてください。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the plain HTTP port no longer serves the login page (it is switched off or redirects to HTTPS).',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。暗号化なしの HTTP ポートでログイン画面が表示されなくなれば（無効になるか HTTPS へ転送されれば）解決です。',
    },
    standards: {
      etsiEn303645: ['5.5-1', '5.5-7'],
      jcStar1: ['通信の保護 / protection of communication'],
      nistir8425: ['Data Protection'],
    },
  },
  {
    family: 'cleartext-service',
    service: 'mqtt',
    severity: 'medium',
    title: {
      en: 'Smart-home messages (MQTT) travel unencrypted',
      ja: 'スマートホームの通信（MQTT）が暗号化されていません',
    },
    explanation: {
      en: 'MQTT on port 1883 sends device commands, sensor readings and any broker password in clear text. Someone on your network can read them, learn when you are home, and replay or forge commands.',
      ja: 'ポート 1883 の MQTT は、機器への命令、センサーの値、ブローカーのパスワードを暗号化せずに送ります。同じネットワーク上の人がそれを読み取り、在宅かどうかを知ったり、命令を再送・偽造したりできます。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'Open the settings of the broker (for example the Mosquitto configuration or the Home Assistant add-on).',
        'Enable an MQTT listener with TLS (port 8883) and switch the devices that support it to that port.',
        'Once every device uses TLS, switch the plain listener on port 1883 off, or limit it to the broker machine itself (127.0.0.1).',
        'For devices that cannot use TLS, keep them and the broker on a separate network and require a password.',
      ],
      ja: [
        'ブローカーの設定（Mosquitto の設定ファイルや Home Assistant のアドオンなど）を開きます。',
        'TLS を使う MQTT の受付（ポート 8883）を有効にし、対応している機器の接続先をそのポートに切り替えます。',
        'すべての機器が TLS を使うようになったら、ポート 1883 の暗号化なしの受付を無効にするか、ブローカー自身（127.0.0.1）からだけに制限します。',
        'TLS を使えない機器は、ブローカーと一緒に別のネットワークに分け、パスワードを必須にします。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when port 1883 no longer accepts MQTT connections from the network.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。ポート 1883 がネットワークからの MQTT 接続を受け付けなくなれば解決です。',
    },
    standards: {
      etsiEn303645: ['5.5-1', '5.5-7', '5.8-1'],
      jcStar1: ['通信の保護 / protection of communication'],
      nistir8425: ['Data Protection'],
    },
  },
  {
    family: 'cleartext-service',
    service: 'rtsp',
    severity: 'medium',
    title: {
      en: 'The camera video stream (RTSP) is sent unencrypted',
      ja: 'カメラの映像配信（RTSP）が暗号化されていません',
    },
    explanation: {
      en: 'RTSP sends the camera picture — and often the camera password, barely disguised — unencrypted over your network. A compromised device on the same network can watch the video or capture the password.',
      ja: 'RTSP は、カメラの映像と、多くの場合カメラのパスワードも（ほとんどそのままの形で）暗号化せずにネットワークへ送ります。同じネットワーク上の乗っ取られた機器が、映像を見たりパスワードを拾ったりできます。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the camera's settings (web page, vendor app or recorder) and sign in as the administrator.",
        'If you do not use RTSP (a recorder or third-party app), switch it off; the vendor app usually uses its own encrypted connection.',
        'If you need RTSP, switch on digest authentication (not "basic"), and use RTSPS/SRTP if the camera offers it.',
        'Keep cameras on a separate network from guests and untrusted devices, and never forward RTSP to the internet.',
      ],
      ja: [
        'カメラの設定画面（Web ページ、メーカーのアプリ、またはレコーダー）を開き、管理者でログインします。',
        'RTSP（レコーダーや他社製アプリからの視聴）を使っていなければ無効にします。メーカーのアプリは通常、独自の暗号化された接続を使います。',
        'RTSP が必要な場合は、認証方式を「basic」ではなく「digest」にし、カメラが対応していれば RTSPS や SRTP を使います。',
        'カメラは来客用や信頼できない機器とは別のネットワークに置き、RTSP をインターネットに公開しないでください。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the RTSP port no longer answers, or only answers over TLS.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。RTSP のポートが応答しなくなるか、TLS でだけ応答するようになれば解決です。',
    },
    standards: {
      etsiEn303645: ['5.5-1', '5.6-1', '5.8-2'],
      jcStar1: ['通信の保護 / protection of communication', '個人データの保護 / protection of personal data'],
      nistir8425: ['Data Protection', 'Interface Access Control'],
    },
  },
  {
    family: 'cleartext-service',
    service: 'snmp',
    severity: 'medium',
    title: {
      en: 'SNMP management runs unencrypted (v1/v2c)',
      ja: 'SNMP による管理が暗号化されていません（v1/v2c）',
    },
    explanation: {
      en: 'SNMP versions 1 and 2c send the community name — the password of SNMP — and all management data in clear text. Anyone on your network who captures it can read, and possibly change, the device configuration.',
      ja: 'SNMP のバージョン 1 と 2c は、パスワードにあたるコミュニティ名と管理データをすべて暗号化せずに送ります。それを拾った人は、機器の設定を読み取り、場合によっては変更できます。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings and find the SNMP section (often under \"Network\", \"Management\" or \"System\").",
        'If you do not use a monitoring system, switch SNMP off.',
        'If you need it, switch to SNMPv3 with authentication and privacy (encryption) and turn v1/v2c off.',
        'Allow SNMP only from your monitoring computer.',
      ],
      ja: [
        '機器の設定画面を開き、SNMP の項目（「ネットワーク」「管理」「システム」などの中にあることが多い）を探します。',
        '監視システムを使っていなければ、SNMP を無効にします。',
        '必要な場合は、認証と暗号化（privacy）を有効にした SNMPv3 に切り替え、v1/v2c は無効にします。',
        'SNMP へのアクセスは、監視用のパソコンからだけに制限します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the device no longer answers SNMP v1/v2c requests.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。SNMP v1/v2c の問い合わせに応答しなくなれば解決です。',
    },
    standards: {
      etsiEn303645: ['5.5-1', '5.5-7', '5.6-1'],
      jcStar1: ['通信の保護 / protection of communication', '不要なインターフェースの無効化 / unused interfaces disabled'],
      nistir8425: ['Data Protection', 'Interface Access Control'],
    },
  },
];
