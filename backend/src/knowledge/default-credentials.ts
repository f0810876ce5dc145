// Factory or well-known credentials accepted, one entry per service. Plain language first; the
// standards say which provision the device (or its set-up) falls short of.
import type { KnowledgeEntry, Standards } from './types.js';

const PASSWORD_STANDARDS: Standards = {
  etsiEn303645: ['5.1-1', '5.1-2', '5.1-4', '5.1-5'],
  jcStar1: [
    'S1.1-02 共通でないデフォルトパスワード / no universal default password',
    'S1.1-03 認証値の変更が可能 / the authentication value can be changed',
    'S1.1-04 総当たり攻撃を困難にする / brute-force login made impractical',
  ],
  nistir8425: ['Interface Access Control', 'Product Configuration'],
};

const CHANGE_PASSWORD_VERIFY = (service: string, serviceJa: string) => ({
  en: `Re-test this finding in Mamori (or scan again): it is fixed when the factory ${service} login is refused. Then sign in yourself with the new password to make sure you can still manage the device.`,
  ja: `Mamori でこの項目を再テスト（または再スキャン）します。初期設定の${serviceJa}ログインが拒否されれば解決です。そのあと新しいパスワードで自分がログインできることも確かめてください。`,
});

export const defaultCredentials: KnowledgeEntry[] = [
  {
    family: 'default-credentials',
    service: 'telnet',
    severity: 'critical',
    title: {
      en: 'Telnet accepts a factory password',
      ja: 'Telnet で初期パスワードのままログインできます',
    },
    explanation: {
      en: 'Anyone who can reach this device can log in over telnet with a password printed in manuals and lists on the internet, and then run any command on it. This is exactly how the Mirai botnet took over hundreds of thousands of cameras and routers: it tried a short list of factory passwords on telnet.',
      ja: 'この機器に接続できる人なら誰でも、説明書やインターネット上の一覧に載っている初期パスワードで Telnet にログインし、好きなコマンドを実行できます。Mirai ボットネットは、まさにこの方法（Telnet に初期パスワードを順に試す）で数十万台のカメラやルーターを乗っ取りました。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings (its web page or app) and sign in as the administrator.",
        'Change the administrator password to a long, unique one (at least 12 characters, not used anywhere else) and save.',
        'Switch Telnet off if you do not need it (look under "Network", "Advanced" or "Maintenance").',
        'Update the firmware to the latest version.',
        'If the telnet password cannot be changed or telnet cannot be switched off (a hard-coded login), ask the manufacturer for a fixed firmware and, until then, unplug the device or keep it on a separate guest network.',
      ],
      ja: [
        '機器の設定画面（Web ページまたはアプリ）を開き、管理者でログインします。',
        '管理者パスワードを、ほかで使っていない長いもの（12 文字以上）に変更して保存します。',
        'Telnet を使っていなければ無効にします（「ネットワーク」「詳細設定」「メンテナンス」などの項目にあります）。',
        'ファームウェアを最新版に更新します。',
        'Telnet のパスワードを変えられない、または Telnet を無効にできない（パスワードが固定されている）場合は、修正版ファームウェアの提供をメーカーに求め、それまでは機器を外すか、ゲスト用など別のネットワークに分けてください。',
      ],
    },
    verify: CHANGE_PASSWORD_VERIFY('telnet', ' Telnet '),
    standards: { ...PASSWORD_STANDARDS, etsiEn303645: [...PASSWORD_STANDARDS.etsiEn303645, '5.6-1'] },
  },
  {
    family: 'default-credentials',
    service: 'ssh',
    severity: 'critical',
    title: {
      en: 'SSH accepts a factory password',
      ja: 'SSH で初期パスワードのままログインできます',
    },
    explanation: {
      en: 'SSH is encrypted, but that does not help when the password is the factory one: anyone on your network can log in with it and take full control of the device — read its data, change its settings, or use it to attack other devices. Botnets try these passwords automatically.',
      ja: 'SSH の通信は暗号化されていますが、パスワードが初期値のままでは意味がありません。同じネットワーク上の誰でもそのパスワードでログインして機器を完全に操作でき、データを読んだり設定を変えたり、ほかの機器への攻撃の足場にしたりできます。ボットネットはこうしたパスワードを自動で試しています。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings (its web page or app) and sign in as the administrator.",
        'Change the password of the account that was accepted to a long, unique one and save. On a computer or NAS, change it with the "passwd" command or the user settings.',
        'If you do not log in over SSH, switch the SSH service off.',
        'If you do use SSH, prefer key-based login and disable password login.',
        'If the password cannot be changed (a hard-coded account), ask the manufacturer for a fixed firmware and keep the device on a separate network until then.',
      ],
      ja: [
        '機器の設定画面（Web ページまたはアプリ）を開き、管理者でログインします。',
        'ログインできてしまったアカウントのパスワードを、ほかで使っていない長いものに変更して保存します。パソコンや NAS では「passwd」コマンドやユーザー設定から変更します。',
        'SSH でログインしないのであれば、SSH サービスを無効にします。',
        'SSH を使う場合は、鍵認証を使い、パスワードでのログインを無効にします。',
        'パスワードを変更できない（固定のアカウントがある）場合は、修正版ファームウェアの提供をメーカーに求め、それまでは機器を別のネットワークに分けてください。',
      ],
    },
    verify: CHANGE_PASSWORD_VERIFY('SSH', ' SSH '),
    standards: PASSWORD_STANDARDS,
  },
  {
    family: 'default-credentials',
    service: 'ftp',
    severity: 'high',
    title: {
      en: 'FTP file sharing accepts a factory password',
      ja: 'FTP のファイル共有に初期パスワードでログインできます',
    },
    explanation: {
      en: 'The files on this device (photos, documents, recordings or backups) can be read, replaced or deleted by anyone on your network using a well-known password. FTP also sends that password unencrypted.',
      ja: 'この機器にある写真・書類・録画・バックアップなどのファイルを、よく知られたパスワードを使って同じネットワーク上の誰でも読んだり、書き換えたり、削除したりできます。しかも FTP はそのパスワードを暗号化せずに送ります。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings (its web page or app) and sign in as the administrator.",
        'Change the password of the account that was accepted (often "admin" or a guest account) to a long, unique one.',
        'If nobody uses FTP, switch the FTP service off; for file sharing prefer SMB, SFTP or FTPS.',
        'Update the firmware to the latest version.',
      ],
      ja: [
        '機器の設定画面（Web ページまたはアプリ）を開き、管理者でログインします。',
        'ログインできてしまったアカウント（「admin」やゲスト用アカウントが多い）のパスワードを、ほかで使っていない長いものに変更します。',
        'FTP を誰も使っていなければ FTP サービスを無効にします。ファイル共有には SMB・SFTP・FTPS を使うのがおすすめです。',
        'ファームウェアを最新版に更新します。',
      ],
    },
    verify: CHANGE_PASSWORD_VERIFY('FTP', ' FTP '),
    standards: PASSWORD_STANDARDS,
  },
  {
    family: 'default-credentials',
    service: 'http',
    severity: 'critical',
    title: {
      en: 'The settings page accepts a factory password',
      ja: '設定画面に初期パスワードでログインできます',
    },
    explanation: {
      en: "The device's web settings page opens with a password anyone can look up. Whoever signs in can change every setting: watch a camera, redirect your internet traffic on a router, open ports to the internet, or install malicious firmware.",
      ja: 'この機器の Web 設定画面は、誰でも調べられるパスワードで開けてしまいます。ログインした人はすべての設定を変えられます。カメラの映像を見る、ルーターならインターネット通信の行き先を書き換える、インターネットからの入口（ポート）を開ける、不正なファームウェアを入れる、といったことが可能です。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Type the device's IP address into a browser and sign in as the administrator.",
        'Find the administrator password setting (often under "Administration", "System", "Management" or "Maintenance"), set a long, unique password and save.',
        'Sign out and sign in again with the new password to make sure it works; keep it in a password manager.',
        'Update the firmware to the latest version.',
        'If the password cannot be changed, ask the manufacturer for a fixed firmware; if your internet provider manages this router, ask the provider to change it.',
      ],
      ja: [
        'ブラウザーに機器の IP アドレスを入力し、管理者でログインします。',
        '管理者パスワードの設定（「管理」「システム」「メンテナンス」などの項目にあることが多い）を開き、ほかで使っていない長いパスワードに変更して保存します。',
        'いったんログアウトし、新しいパスワードでログインできることを確かめます。パスワードはパスワード管理アプリなどに控えておきます。',
        'ファームウェアを最新版に更新します。',
        'パスワードを変更できない場合はメーカーに修正版ファームウェアを求めてください。プロバイダーが管理しているルーターなら、プロバイダーに変更を依頼してください。',
      ],
    },
    verify: CHANGE_PASSWORD_VERIFY('web', ' Web 画面の'),
    standards: PASSWORD_STANDARDS,
  },
  {
    family: 'default-credentials',
    service: 'rtsp',
    severity: 'high',
    title: {
      en: 'The video stream accepts a factory password',
      ja: '映像配信（RTSP）に初期パスワードでアクセスできます',
    },
    explanation: {
      en: "This camera's live video (RTSP) opens with a factory password that is published online. Anyone on your network — or on the internet, if the camera is reachable from outside — can watch and record what the camera sees inside your home or shop.",
      ja: 'このカメラのライブ映像（RTSP）は、インターネットで公開されている初期パスワードで見られます。同じネットワーク上の誰でも（カメラが外部から届く状態ならインターネット上の誰でも）、家やお店の中の映像を見たり録画したりできます。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the camera's settings (its web page, the vendor app or the recorder it is connected to) and sign in as the administrator.",
        'Change the password of the camera account used for streaming (often "admin") to a long, unique one.',
        'Update the password in every recorder (NVR) or app that shows this camera, so they keep working.',
        'If you do not use RTSP, switch it off; do not forward the camera to the internet from your router.',
        'Update the camera firmware to the latest version.',
      ],
      ja: [
        'カメラの設定画面（Web ページ、メーカーのアプリ、または接続しているレコーダー）を開き、管理者でログインします。',
        '映像配信に使われるアカウント（「admin」が多い）のパスワードを、ほかで使っていない長いものに変更します。',
        'このカメラを表示しているレコーダー（NVR）やアプリにも新しいパスワードを設定し直し、映像が途切れないようにします。',
        'RTSP を使っていなければ無効にし、ルーターでカメラをインターネットに公開（ポート転送）しないでください。',
        'カメラのファームウェアを最新版に更新します。',
      ],
    },
    verify: CHANGE_PASSWORD_VERIFY('RTSP', ' RTSP '),
    standards: {
      ...PASSWORD_STANDARDS,
      jcStar1: [...PASSWORD_STANDARDS.jcStar1, '個人データの保護 / protection of personal data'],
      nistir8425: [...PASSWORD_STANDARDS.nistir8425, 'Data Protection'],
    },
  },
  {
    family: 'default-credentials',
    service: 'mqtt',
    severity: 'high',
    title: {
      en: 'The smart-home message broker (MQTT) accepts a factory password',
      ja: 'スマートホームの通信基盤（MQTT）に初期パスワードで接続できます',
    },
    explanation: {
      en: 'MQTT carries the commands and readings of smart-home devices. With a well-known password, anyone on your network can read sensor data (when you are home, door states) and send commands: switch plugs, unlock, turn off alarms.',
      ja: 'MQTT はスマートホーム機器の命令やセンサー値を運ぶ仕組みです。よく知られたパスワードで接続できると、同じネットワーク上の誰でもセンサーの値（在宅かどうか、ドアの開閉など）を読み、プラグのオン・オフ、解錠、警報の停止といった命令を送れてしまいます。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'Open the settings of the hub or broker (for example the Mosquitto configuration, Home Assistant, or the device web page).',
        'Change the password of the MQTT account that was accepted to a long, unique one, and remove example or demo accounts.',
        'Enter the new password in every device and app that connects to the broker.',
        'If devices support it, use MQTT over TLS (port 8883) instead of plain MQTT (port 1883).',
      ],
      ja: [
        'ハブまたはブローカーの設定（Mosquitto の設定ファイル、Home Assistant、機器の Web 画面など）を開きます。',
        '接続できてしまった MQTT アカウントのパスワードを、ほかで使っていない長いものに変更し、サンプルやデモ用のアカウントは削除します。',
        'ブローカーにつながるすべての機器とアプリに、新しいパスワードを設定し直します。',
        '対応している機器なら、暗号化なしの MQTT（ポート 1883）ではなく、TLS を使う MQTT（ポート 8883）に切り替えます。',
      ],
    },
    verify: CHANGE_PASSWORD_VERIFY('MQTT', ' MQTT '),
    standards: {
      ...PASSWORD_STANDARDS,
      nistir8425: [...PASSWORD_STANDARDS.nistir8425, 'Data Protection'],
    },
  },
  {
    family: 'default-credentials',
    service: 'snmp',
    severity: 'medium',
    title: {
      en: 'SNMP answers to a default community',
      ja: 'SNMP が初期値のコミュニティ名で応答します',
    },
    explanation: {
      en: 'SNMP is a management protocol; its "community" works like a password, and "public" or "private" is the factory value. Anyone on your network can read the device\'s configuration, network details and sometimes stored passwords — and with a writable community, change settings.',
      ja: 'SNMP は機器を管理するための仕組みで、「コミュニティ名」がパスワードの役割をします。「public」や「private」は工場出荷時の値です。同じネットワーク上の誰でも、機器の設定やネットワークの情報、場合によっては保存されたパスワードまで読み取れます。書き込み可能なコミュニティなら設定の変更もできます。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings and find the SNMP section (often under \"Network\", \"Management\" or \"System\").",
        'If you do not use a monitoring system, switch SNMP off.',
        'If you need SNMP, use SNMPv3 with a user name and password; otherwise replace "public"/"private" with a long, random community and allow only your monitoring computer.',
        'Update the firmware to the latest version.',
      ],
      ja: [
        '機器の設定画面を開き、SNMP の項目（「ネットワーク」「管理」「システム」などの中にあることが多い）を探します。',
        '監視システムを使っていなければ、SNMP を無効にします。',
        'SNMP が必要な場合は、ユーザー名とパスワードを使う SNMPv3 にします。それができなければ「public」「private」を推測できない長いコミュニティ名に変え、監視用のパソコンからのアクセスだけを許可します。',
        'ファームウェアを最新版に更新します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the device no longer answers to "public", "private" or other default communities. Check that your monitoring system, if any, still receives data.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。「public」「private」などの初期コミュニティ名に応答しなくなれば解決です。監視システムを使っている場合は、引き続きデータが取れていることも確かめてください。',
    },
    standards: {
      ...PASSWORD_STANDARDS,
      etsiEn303645: [...PASSWORD_STANDARDS.etsiEn303645, '5.6-1', '5.6-2'],
      jcStar1: [...PASSWORD_STANDARDS.jcStar1, '不要なインターフェースの無効化 / unused interfaces disabled'],
    },
  },
  {
    family: 'default-credentials',
    service: 'snmp-write',
    severity: 'high',
    title: {
      en: 'SNMP answers to a default read-write community: settings can be changed',
      ja: 'SNMP が初期値の「書き込み可能な」コミュニティ名で応答します（設定を変更される恐れ）',
    },
    explanation: {
      en: 'The device answered to a community that, on most devices, is the factory read-write one (usually "private"). With it, anyone on your network can not only read the device\'s details but also change its settings over SNMP: for example its network or DNS settings, its name, which ports are switched on, or, on some devices, make it restart or load another configuration. Mamori did not try to change anything to prove it.',
      ja: 'この機器は、多くの機器で工場出荷時に「書き込み可能」として設定されているコミュニティ名（ふつうは「private」）に応答しました。これを使えば、同じネットワーク上の誰でも、機器の情報を読み取るだけでなく、SNMP で設定を書き換えられる可能性があります。たとえばネットワークや DNS の設定、機器名、ポートのオン・オフ、機種によっては再起動や別の設定の読み込みまでできてしまいます。なお Mamori は確かめるために設定を書き換えることはしていません。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        "Open the device's settings and find the SNMP section (often under \"Network\", \"Management\" or \"System\").",
        'Delete the read-write (write, "set") community, or switch SNMP off if you do not use a monitoring system. Very few homes need to change settings over SNMP.',
        'If a monitoring system needs SNMP, give it read-only access with a long, random community — or better SNMPv3 with a user name and password — and allow only the monitoring computer.',
        'Check the settings you care about (network, DNS, administrator accounts) in case someone changed them, and update the firmware.',
      ],
      ja: [
        '機器の設定画面を開き、SNMP の項目（「ネットワーク」「管理」「システム」などの中にあることが多い）を探します。',
        '書き込み用（write／set／読み書き）のコミュニティ名を削除します。監視システムを使っていなければ SNMP ごと無効にします。家庭で SNMP から設定を変える必要はまずありません。',
        '監視システムに SNMP が必要なら、推測できない長いコミュニティ名で「読み取り専用」にするか、できればユーザー名とパスワードを使う SNMPv3 にして、監視用のパソコンからだけ許可します。',
        '念のため、ネットワークや DNS の設定、管理者アカウントなど大事な設定が書き換えられていないか確かめ、ファームウェアを最新版に更新します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the device no longer answers to "private" or other read-write default communities. If you kept SNMP for monitoring, check that it still receives data.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。「private」などの書き込み可能な初期コミュニティ名に応答しなくなれば解決です。監視のために SNMP を残した場合は、引き続きデータが取れていることも確かめてください。',
    },
    standards: {
      ...PASSWORD_STANDARDS,
      etsiEn303645: [...PASSWORD_STANDARDS.etsiEn303645, '5.6-1', '5.6-2'],
      jcStar1: [...PASSWORD_STANDARDS.jcStar1, '不要なインターフェースの無効化 / unused interfaces disabled'],
    },
  },
];
