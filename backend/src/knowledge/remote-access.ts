// Remote desktops, debug bridges and file sharing that homes and small offices leave open: VNC,
// Android debug bridge (ADB) and SMB (Windows file sharing, with its retired version 1), one entry
// per family × service.
import type { KnowledgeEntry, Standards } from './types.js';

const OPEN_ACCESS: Standards = {
  etsiEn303645: ['5.5-4', '5.5-5', '5.6-1', '5.6-2'],
  jcStar1: [
    'S1.1-01 認証に基づくアクセス制御 / access control based on authentication',
    '不要なインターフェースの無効化 / unused interfaces disabled',
  ],
  nistir8425: ['Interface Access Control', 'Product Configuration'],
};

export const remoteAccess: KnowledgeEntry[] = [
  {
    family: 'anonymous-access',
    service: 'vnc',
    severity: 'critical',
    title: {
      en: 'The remote desktop (VNC) lets anyone take over the screen without a password',
      ja: '遠隔操作（VNC）にパスワードがなく、誰でも画面を操作できます',
    },
    explanation: {
      en: 'VNC shows the screen of a computer, a till, a recorder or a control panel and lets the viewer type and click on it. This one asks for no password at all: anyone on your network — or on the internet, if the port is forwarded — can watch everything on the screen and use the machine as if sitting in front of it, including opening files, sending mail and installing malware.',
      ja: 'VNC はパソコン・レジ・録画機・操作パネルなどの画面を遠くから表示し、キーボードやマウスで操作できる仕組みです。この VNC はパスワードを一切求めません。同じネットワーク上の誰でも（ポートが転送されていればインターネット上の誰でも）画面をすべて見られ、目の前に座っているのと同じように操作できます。ファイルを開く、メールを送る、ウイルスを入れる、といったことも可能です。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'Find the device: the VNC port and address are shown in this finding. On a computer, open the VNC program (RealVNC, TightVNC, UltraVNC, TigerVNC, x11vnc, or "Screen Sharing" on a Mac).',
        'In its options, switch authentication on ("VNC password" or "system login") and set a long password used nowhere else; never choose "no authentication".',
        'If nobody needs to view this screen from elsewhere, switch the VNC server off or uninstall it.',
        'Make sure the router does not forward the VNC port (usually 5900) to the internet; to help from outside, use a VPN.',
        'On a shop or office device set up by a supplier, ask them to do this and to hand the new password over to you.',
      ],
      ja: [
        'この項目に表示されたアドレスとポートの機器を確認します。パソコンなら VNC のソフト（RealVNC、TightVNC、UltraVNC、TigerVNC、x11vnc、Mac の「画面共有」など）を開きます。',
        '設定で認証を有効にし（「VNC パスワード」または「システムのログイン」）、ほかで使っていない長いパスワードを設定します。「認証なし」は選ばないでください。',
        'ほかの場所からこの画面を見る必要がなければ、VNC サーバーを停止するかアンインストールします。',
        'ルーターで VNC のポート（通常 5900）をインターネットに転送していないか確認します。外部から操作したいときは VPN を使います。',
        'お店や事務所の機器を業者が設定した場合は、業者にこの作業を依頼し、新しいパスワードを引き渡してもらいます。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the VNC server no longer offers a connection without a password.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。VNC サーバーがパスワードなしの接続を受け付けなくなれば解決です。',
    },
    standards: { ...OPEN_ACCESS, nistir8425: [...OPEN_ACCESS.nistir8425, 'Data Protection'] },
  },
  {
    family: 'default-credentials',
    service: 'vnc',
    severity: 'critical',
    title: {
      en: 'The remote desktop (VNC) opens with a well-known password',
      ja: '遠隔操作（VNC）のパスワードが、よく知られたものになっています',
    },
    explanation: {
      en: 'VNC lets whoever knows its password see and control the screen. This one accepts a password published in manuals, set-up guides or attack tools\' lists, which automated scanners try first. VNC passwords are also weak by design (only the first 8 characters count), so a known one is as good as none.',
      ja: 'VNC はパスワードを知っている人なら誰でも画面を見て操作できる仕組みです。この VNC は、説明書や設定手順、攻撃ツールの一覧で公開されているパスワードで入れてしまいます。自動で探し回る攻撃プログラムが真っ先に試すものです。しかも VNC のパスワードは先頭 8 文字しか使われない弱い仕組みのため、知られたパスワードはないのと同じです。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'Open the VNC server\'s settings on the device shown in this finding (on a computer: the VNC program\'s options; on an appliance: its web page or the supplier\'s tool).',
        'Set a new password of 8 random characters used nowhere else (VNC ignores anything longer), or switch to the system login if the program offers it.',
        'If nobody needs remote access to this screen, switch the VNC server off.',
        'Do not forward the VNC port (usually 5900) to the internet from your router; use a VPN for help from outside.',
      ],
      ja: [
        'この項目に表示された機器で VNC サーバーの設定を開きます（パソコンなら VNC ソフトのオプション、専用機器なら Web 画面や業者のツール）。',
        'ほかで使っていないランダムな 8 文字の新しいパスワードを設定します（VNC は 9 文字目以降を無視します）。ソフトが対応していれば、OS のログインによる認証に切り替えます。',
        'この画面を遠隔で操作する必要がなければ、VNC サーバーを停止します。',
        'ルーターで VNC のポート（通常 5900）をインターネットに転送しないでください。外部からのサポートには VPN を使います。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the well-known password is refused. Then connect once yourself with the new password.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。よく知られたパスワードが拒否されれば解決です。そのあと新しいパスワードで一度接続できることを確かめてください。',
    },
    standards: {
      etsiEn303645: ['5.1-1', '5.1-4', '5.6-1'],
      jcStar1: [
        'S1.1-02 共通でないデフォルトパスワード / no universal default password',
        'S1.1-03 認証値の変更が可能 / the authentication value can be changed',
      ],
      nistir8425: ['Interface Access Control', 'Product Configuration'],
    },
  },
  {
    family: 'anonymous-access',
    service: 'adb',
    severity: 'critical',
    title: {
      en: 'Android debugging (ADB) is open on the network: anyone can control this device',
      ja: 'Android のデバッグ機能（ADB）がネットワークに開いていて、誰でもこの機器を操作できます',
    },
    explanation: {
      en: 'The Android debug bridge is a developer tool. Here it is reachable over the network and accepts connections without asking for approval, so anyone on your network gets a command line on the device — often with full (root) rights: install apps, read data, watch through its camera, or turn it into part of a botnet (malware such as ADB.Miner spreads exactly this way). TV boxes, projectors, tablets and car or kiosk screens are often shipped like this.',
      ja: 'ADB（Android Debug Bridge）は開発者向けの機能です。この機器ではそれがネットワークから使え、しかも許可を求めずに接続を受け付けるため、同じネットワーク上の誰でも機器を命令で操作できます（多くは管理者（root）権限）。アプリを入れる、データを読む、カメラで覗く、ボットネットの一部にする、といったことが可能で、ADB.Miner などのマルウェアはまさにこの方法で広がりました。TV ボックス、プロジェクター、タブレット、店頭端末などが、この状態のまま出荷されていることがあります。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'On the device, open Settings → Developer options (on some TV boxes: Settings → System → Developer options) and switch off "ADB debugging", "Network debugging" or "Wireless debugging".',
        'If you cannot find the option or it turns itself back on, unplug the device from the network until it is fixed, and ask the seller or manufacturer for a firmware update that disables network debugging.',
        'Make sure the router does not forward port 5555 to the internet.',
        'If the device was open for a while, reset it to factory settings and update it: someone may already have installed something on it.',
      ],
      ja: [
        '機器の「設定」→「開発者向けオプション」（TV ボックスでは「設定」→「システム」→「開発者向けオプション」のことも）を開き、「ADB デバッグ」「ネットワークデバッグ」「ワイヤレスデバッグ」をオフにします。',
        '項目が見つからない、またはオフにしても元に戻る場合は、直るまで機器をネットワークから外し、販売店やメーカーにネットワークデバッグを無効にするファームウェア更新を求めてください。',
        'ルーターでポート 5555 をインターネットに転送していないか確認します。',
        'しばらくこの状態だった場合は、何かを入れられているおそれがあるため、初期化してから最新の状態に更新します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the port no longer answers, or answers only with a request for key approval.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。ポートが応答しなくなるか、鍵の承認を求める応答だけになれば解決です。',
    },
    standards: {
      etsiEn303645: ['5.6-1', '5.6-2', '5.6-4', '5.5-5'],
      jcStar1: OPEN_ACCESS.jcStar1,
      nistir8425: ['Interface Access Control', 'Product Configuration', 'Data Protection'],
    },
  },
  {
    family: 'anonymous-access',
    service: 'smb',
    severity: 'high',
    title: {
      en: 'Shared folders (SMB) can be listed by anyone, without an account',
      ja: '共有フォルダー（SMB）の一覧が、アカウントなしで誰にでも見えます',
    },
    explanation: {
      en: 'This computer or NAS accepts a guest or anonymous connection to its file sharing and hands out the list of its shared folders. Whoever is on your network learns what is shared and can try each folder — guest access is often allowed into them too, exposing documents, photos and backups, and letting ransomware encrypt them.',
      ja: 'このパソコンや NAS は、ファイル共有（SMB）へのゲスト（匿名）接続を受け付け、共有フォルダーの一覧を渡してしまいます。ネットワーク上の誰でも何が共有されているかを知り、それぞれのフォルダーを試せます。フォルダー自体もゲストで開けることが多く、書類・写真・バックアップが見られたり、ランサムウェアに暗号化されたりするおそれがあります。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'On a NAS: open its settings page, find file services (SMB/CIFS) and the guest account, disable the guest account, and give each shared folder access only to named users with passwords.',
        'On Windows: in Settings → Network & internet → Advanced sharing settings, turn on "password protected sharing"; remove "Everyone" from the permissions of each shared folder.',
        'On Linux/Samba: set "map to guest = Never" and "restrict anonymous = 2", and remove "guest ok = yes" from the shares.',
        'Stop sharing the folders nobody needs, and check the shared folders for files you do not recognise.',
      ],
      ja: [
        'NAS の場合：設定画面でファイルサービス（SMB/CIFS）とゲストアカウントの項目を開き、ゲストアカウントを無効にして、各共有フォルダーにはパスワードのあるユーザーだけがアクセスできるようにします。',
        'Windows の場合：「設定」→「ネットワークとインターネット」→「共有の詳細設定」で「パスワード保護共有」をオンにし、各共有フォルダーのアクセス許可から「Everyone」を外します。',
        'Linux（Samba）の場合：「map to guest = Never」「restrict anonymous = 2」を設定し、共有の「guest ok = yes」を削除します。',
        '不要な共有はやめ、共有フォルダーに見覚えのないファイルがないか確認します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when a connection without an account is refused or no longer lists the shares.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。アカウントなしの接続が拒否されるか、共有の一覧が出なくなれば解決です。',
    },
    standards: { ...OPEN_ACCESS, nistir8425: [...OPEN_ACCESS.nistir8425, 'Data Protection'] },
  },
  {
    family: 'outdated-protocol',
    service: 'smb',
    severity: 'high',
    title: {
      en: 'File sharing still accepts SMBv1, the version the WannaCry ransomware spread through',
      ja: 'ファイル共有がまだ SMBv1 を受け付けています（ランサムウェア WannaCry が広がった古い方式）',
    },
    explanation: {
      en: 'SMB is how computers and NAS boxes share folders. Its first version, SMBv1, dates from the 1990s: it has no protection against tampering, and its flaws (EternalBlue) let the WannaCry and NotPetya worms take over unpatched machines by themselves and encrypt everything they could reach. Microsoft has switched SMBv1 off by default since 2017 and advises everyone to stop using it. A device that still accepts it is either old, unpatched or configured for an old printer or scanner.',
      ja: 'SMB はパソコンや NAS がフォルダーを共有する仕組みです。最初の版である SMBv1 は 1990 年代のもので、通信の改ざんを防ぐ仕組みがなく、その弱点（EternalBlue）を使って WannaCry や NotPetya というワームが更新されていない機器を自動で乗っ取り、届く範囲のファイルをすべて暗号化しました。Microsoft は 2017 年から SMBv1 を標準で無効にし、使用をやめるよう呼びかけています。まだ受け付ける機器は、古いか、更新されていないか、古いプリンターやスキャナーのために設定されたままのものです。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'On a NAS: open its settings page, go to the file services (SMB/CIFS) advanced settings, and set the minimum SMB protocol to SMB2 (or SMB3); then update the NAS firmware.',
        'On Windows: open "Turn Windows features on or off", untick "SMB 1.0/CIFS File Sharing Support", and restart.',
        'On Linux/Samba: set "server min protocol = SMB2_02" (the default since Samba 4.11) in smb.conf and restart Samba.',
        'If an old scanner, copier or recorder stops saving to the shared folder afterwards, update it or replace it rather than switching SMBv1 back on.',
      ],
      ja: [
        'NAS の場合：設定画面でファイルサービス（SMB/CIFS）の詳細設定を開き、最小 SMB プロトコルを SMB2（または SMB3）にします。そのあと NAS のファームウェアを更新します。',
        'Windows の場合：「Windows の機能の有効化または無効化」を開き、「SMB 1.0/CIFS ファイル共有のサポート」のチェックを外して再起動します。',
        'Linux（Samba）の場合：smb.conf に「server min protocol = SMB2_02」（Samba 4.11 以降の標準）を設定し、Samba を再起動します。',
        'そのあと古いスキャナー・複合機・録画機が共有フォルダーに保存できなくなったら、SMBv1 を戻すのではなく、機器を更新するか買い替えてください。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the device refuses an SMB1 connection. Then open a shared folder from one of your computers to make sure sharing still works.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。機器が SMB1 の接続を拒否すれば解決です。そのあと、いつものパソコンから共有フォルダーを開けることも確かめてください。',
    },
    standards: {
      etsiEn303645: ['5.3-2', '5.5-1', '5.6-1'],
      jcStar1: ['通信の保護（適切な暗号の使用） / protection of communication with appropriate cryptography', 'ソフトウェアの更新 / software updates'],
      nistir8425: ['Data Protection', 'Software Update', 'Product Configuration'],
    },
  },
];
