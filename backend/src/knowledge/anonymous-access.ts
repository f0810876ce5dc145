// Services that let anyone in without any credential, one entry per service.
import type { KnowledgeEntry, Standards } from './types.js';

const OPEN_ACCESS_STANDARDS: Standards = {
  etsiEn303645: ['5.5-4', '5.5-5', '5.6-1', '5.6-2'],
  jcStar1: [
    'S1.1-01 認証に基づくアクセス制御 / access control based on authentication',
    '不要なインターフェースの無効化 / unused interfaces disabled',
  ],
  nistir8425: ['Interface Access Control', 'Product Configuration'],
};

export const anonymousAccess: KnowledgeEntry[] = [
  {
    family: 'anonymous-access',
    service: 'ftp',
    severity: 'high',
    title: {
      en: 'FTP lets anyone in without a password (anonymous login)',
      ja: 'FTP にパスワードなしで誰でも入れます（匿名ログイン）',
    },
    explanation: {
      en: 'The FTP service accepts the "anonymous" account, so anyone on your network can list and download the shared files — and, if uploads are allowed, plant or replace files (for example malware disguised as a document).',
      ja: 'FTP サービスが「anonymous（匿名）」アカウントを受け付けるため、同じネットワーク上の誰でも共有ファイルの一覧を見てダウンロードできます。アップロードが許可されていれば、ファイルを置いたり差し替えたり（書類に見せかけたウイルスなど）もできます。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings (its web page or app) and sign in as the administrator.",
        'In the FTP settings, switch off "anonymous" or "guest" access and allow only named user accounts with their own passwords.',
        'If nobody uses FTP, switch the FTP service off altogether.',
        'Check the shared folders for files you did not put there.',
      ],
      ja: [
        '機器の設定画面（Web ページまたはアプリ）を開き、管理者でログインします。',
        'FTP の設定で「匿名（anonymous）」や「ゲスト」のアクセスを無効にし、パスワードを設定したユーザーだけが使えるようにします。',
        'FTP を誰も使っていなければ、FTP サービス自体を無効にします。',
        '共有フォルダーに、自分で置いた覚えのないファイルがないか確認します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the FTP server refuses the anonymous login.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。FTP サーバーが匿名ログインを拒否すれば解決です。',
    },
    standards: {
      ...OPEN_ACCESS_STANDARDS,
      nistir8425: [...OPEN_ACCESS_STANDARDS.nistir8425, 'Data Protection'],
    },
  },
  {
    family: 'anonymous-access',
    service: 'mqtt',
    severity: 'high',
    title: {
      en: 'The smart-home message broker (MQTT) accepts anyone without a password',
      ja: 'スマートホームの通信基盤（MQTT）にパスワードなしで誰でも接続できます',
    },
    explanation: {
      en: 'MQTT carries the commands and readings of smart-home devices. Without a password, anyone on your network can subscribe to everything — sensor values that show when you are home, door and alarm states — and publish commands that switch devices on or off.',
      ja: 'MQTT はスマートホーム機器の命令やセンサー値を運ぶ仕組みです。パスワードがないと、同じネットワーク上の誰でもすべての情報（在宅かどうかがわかるセンサー値、ドアや警報の状態など）を受信でき、機器をオン・オフする命令も送れてしまいます。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'Open the settings of the hub or broker (for example the Mosquitto configuration, Home Assistant add-on, or the device web page).',
        'Turn off anonymous access (in Mosquitto: "allow_anonymous false") and create an account with a long, unique password for each device or app.',
        'Enter the account in every device and app that connects to the broker.',
        'If devices support it, use MQTT over TLS (port 8883) and restrict each account to the topics it needs.',
      ],
      ja: [
        'ハブまたはブローカーの設定（Mosquitto の設定ファイル、Home Assistant のアドオン、機器の Web 画面など）を開きます。',
        '匿名接続を無効にし（Mosquitto なら「allow_anonymous false」）、機器やアプリごとに、ほかで使っていない長いパスワードのアカウントを作ります。',
        'ブローカーにつながるすべての機器とアプリに、そのアカウントを設定します。',
        '対応している機器なら TLS を使う MQTT（ポート 8883）に切り替え、アカウントごとに使えるトピックを必要なものだけに絞ります。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the broker refuses a connection without a user name and password.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。ユーザー名とパスワードなしの接続をブローカーが拒否すれば解決です。',
    },
    standards: {
      ...OPEN_ACCESS_STANDARDS,
      nistir8425: [...OPEN_ACCESS_STANDARDS.nistir8425, 'Data Protection'],
    },
  },
  {
    family: 'anonymous-access',
    service: 'rtsp',
    severity: 'high',
    title: {
      en: 'The camera video stream is open to anyone (no password)',
      ja: 'カメラの映像配信（RTSP）がパスワードなしで誰でも見られます',
    },
    explanation: {
      en: "The camera's live video (RTSP) plays without any password. Anyone on your network — or on the internet, if the camera is reachable from outside — can watch and record what it sees. Search engines for exposed devices list such cameras publicly.",
      ja: 'このカメラのライブ映像（RTSP）は、パスワードなしで再生できます。同じネットワーク上の誰でも（外部から届く状態ならインターネット上の誰でも）、映っているものを見たり録画したりできます。こうした無防備なカメラは、インターネット上の機器検索サービスで公開一覧にされています。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the camera's settings (its web page, the vendor app or the recorder it is connected to) and sign in as the administrator.",
        'Turn on authentication for the video stream (often called "RTSP authentication" or "stream authentication") and set a long, unique password.',
        'Update the password in every recorder (NVR) or app that shows this camera.',
        'Do not forward the camera to the internet from your router; use the vendor app or a VPN to watch from outside.',
        'Update the camera firmware to the latest version.',
      ],
      ja: [
        'カメラの設定画面（Web ページ、メーカーのアプリ、または接続しているレコーダー）を開き、管理者でログインします。',
        '映像配信の認証（「RTSP 認証」「ストリーム認証」などの名前）を有効にし、ほかで使っていない長いパスワードを設定します。',
        'このカメラを表示しているレコーダー（NVR）やアプリにも新しいパスワードを設定し直します。',
        'ルーターでカメラをインターネットに公開（ポート転送）しないでください。外から見るときはメーカーのアプリや VPN を使います。',
        'カメラのファームウェアを最新版に更新します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the camera asks for a password before it sends video.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。カメラが映像を送る前にパスワードを求めるようになれば解決です。',
    },
    standards: {
      ...OPEN_ACCESS_STANDARDS,
      jcStar1: [...OPEN_ACCESS_STANDARDS.jcStar1, '個人データの保護 / protection of personal data'],
      nistir8425: [...OPEN_ACCESS_STANDARDS.nistir8425, 'Data Protection'],
    },
  },
  {
    family: 'anonymous-access',
    service: 'http',
    severity: 'high',
    title: {
      en: 'The settings page opens without any password',
      ja: '設定画面がパスワードなしで開けます',
    },
    explanation: {
      en: "The device's web settings page does not ask for a password. Anyone on your network — a guest, a compromised phone or a malicious web page in your browser — can change its settings: open it to the internet, change where your traffic goes, or switch off its protection.",
      ja: 'この機器の Web 設定画面はパスワードを求めません。同じネットワーク上の誰でも（来客の端末、乗っ取られたスマートフォン、ブラウザーで開いた悪意ある Web ページでも）設定を変えられます。インターネットに公開する、通信の行き先を書き換える、保護機能を切るといったことが可能です。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Type the device's IP address into a browser and open its settings.",
        'Find the administrator password setting (often under "Administration", "System" or "Security"), set a long, unique password and save; turn on "require login" if it is a separate option.',
        'Sign out and check that the page now asks for the password.',
        'Update the firmware to the latest version.',
        'If the device has no way to set a password, ask the manufacturer for a firmware that adds one and keep the device on a separate network until then.',
      ],
      ja: [
        'ブラウザーに機器の IP アドレスを入力し、設定画面を開きます。',
        '管理者パスワードの設定（「管理」「システム」「セキュリティ」などの項目にあることが多い）で、ほかで使っていない長いパスワードを設定して保存します。「ログインを必須にする」といった項目が別にあれば有効にします。',
        'いったんログアウトし、設定画面がパスワードを求めるようになったことを確かめます。',
        'ファームウェアを最新版に更新します。',
        'パスワードを設定する方法がない機器の場合は、パスワード機能を追加したファームウェアの提供をメーカーに求め、それまでは機器を別のネットワークに分けてください。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the settings page answers with a login request instead of its content.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。設定画面の内容ではなくログインを求める応答が返れば解決です。',
    },
    standards: OPEN_ACCESS_STANDARDS,
  },
];
