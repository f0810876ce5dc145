import type { KnowledgeEntry } from './types.js';

export const internetExposure: KnowledgeEntry[] = [
  {
    family: 'internet-exposure',
    service: 'upnp',
    severity: 'medium',
    title: {
      en: 'The router forwards a port of this device to the internet (opened through UPnP)',
      ja: 'ルーターがこの機器のポートをインターネットへ公開しています（UPnP による自動設定）',
    },
    explanation: {
      en: 'This device asked your router, through UPnP, to forward a port from the internet to it, and the router did so without asking you. Its login page or service can now be reached by anyone on the internet, where automated scanners find new open ports within hours and try factory passwords and known flaws on them. Many camera and recorder break-ins start exactly this way.',
      ja: 'この機器が UPnP を使ってルーターに「インターネットからのポートを自分へ転送して」と頼み、ルーターはあなたに確認せずにそれを受け入れました。この機器のログイン画面やサービスには、いまインターネット上の誰でも届きます。インターネットでは自動のスキャンが新しく開いたポートを数時間で見つけ、初期パスワードや既知の弱点を試します。カメラや録画機の乗っ取りの多くは、まさにこの形で始まります。',
    },
    responsible: ['user', 'installer', 'provider'],
    fix: {
      en: [
        'Decide whether you really need to reach this device from outside your home. If you do, use the maker\'s app or cloud service, or a VPN to your home, instead of an open port.',
        'Turn off UPnP (sometimes called "automatic port forwarding" or "UPnP port mapping") in this device\'s network settings, so that it stops asking the router to open ports.',
        'Open your router\'s settings page, find the UPnP or port-mapping list and delete the entry shown in the evidence (external port and the device\'s address). Restarting the router also clears most UPnP entries, but the device opens them again unless step 2 is done.',
        'If no device in your home needs UPnP (most do not), turn UPnP off on the router itself.',
        'If the port must stay open, change the device\'s password to a long, unique one and update its firmware, because it is now reachable by anyone on the internet.',
        'If the router belongs to your internet provider and you cannot change its settings, ask the provider to remove the forwarding and to switch UPnP off.',
      ],
      ja: [
        'この機器に家の外からアクセスする必要が本当にあるか確認します。必要な場合も、ポートを開けたままにせず、メーカーのアプリやクラウドサービス、または自宅への VPN を使います。',
        'この機器のネットワーク設定で UPnP（「自動ポート開放」「UPnP ポートマッピング」などと呼ばれることもあります）を無効にし、ルーターにポート開放を頼まないようにします。',
        'ルーターの設定画面を開き、UPnP やポートマッピングの一覧から、根拠欄に示された項目（外部ポートと機器のアドレス）を削除します。ルーターを再起動しても多くの UPnP 設定は消えますが、手順 2 を行わないと機器がまた開けてしまいます。',
        '家の中に UPnP を必要とする機器がなければ（多くの家庭では不要です）、ルーター自体の UPnP 機能を無効にします。',
        'どうしてもポートを開けておく必要がある場合は、インターネット上の誰でも届く状態なので、機器のパスワードをほかで使っていない長いものに変え、ファームウェアを最新にします。',
        'ルーターがプロバイダーからの貸し出し品で設定を変えられない場合は、転送の削除と UPnP の無効化をプロバイダーに依頼します。',
      ],
    },
    verify: {
      en: 'Scan again with Mamori: the finding is gone when the router no longer lists a port mapping to this device.',
      ja: 'Mamori でもう一度スキャンします。ルーターの一覧にこの機器へのポートマッピングがなくなれば解決です。',
    },
    standards: {
      etsiEn303645: ['5.6-1', '5.6-2'],
      jcStar1: ['不要なインターフェースの無効化 / unused interfaces disabled', 'アクセス制御 / access control'],
      nistir8425: ['Interface Access Control', 'Product Configuration'],
    },
  },
  {
    family: 'internet-exposure',
    service: 'upnp-igd',
    severity: 'low',
    title: {
      en: 'UPnP lets any device on the network open ports to the internet',
      ja: 'UPnP により、ネットワーク上のどの機器でもインターネットへのポートを開けられます',
    },
    explanation: {
      en: 'Your router accepts UPnP port-mapping requests from any device on your network, without a password. A camera, a game console or malware on a computer can use this to make itself reachable from the internet, silently. Mamori read the router\'s list of port mappings the same way, without logging in.',
      ja: 'このルーターは、ネットワーク上のどの機器からの UPnP によるポート開放の要求も、パスワードなしで受け入れます。カメラやゲーム機、パソコンに入り込んだマルウェアが、これを使って気付かれないうちに自分をインターネットから届く状態にできます。Mamori もログインせずに、同じ方法でルーターのポートマッピング一覧を読み取れました。',
    },
    responsible: ['user', 'provider'],
    fix: {
      en: [
        'Check whether anything in your home needs UPnP: usually only some game consoles and older video-call or file-sharing programs do.',
        'Open your router\'s settings page and turn UPnP off (it is often under "Advanced", "NAT" or "Port forwarding"), then save.',
        'If something stops working, forward only the port that device needs by hand, instead of leaving UPnP on for every device.',
        'If the router belongs to your internet provider and you cannot change its settings, ask the provider to switch UPnP off.',
      ],
      ja: [
        '家の中に UPnP を必要とする機器があるか確認します。必要なのは、一部のゲーム機や古いビデオ通話・ファイル共有ソフトくらいです。',
        'ルーターの設定画面を開き、UPnP を無効にして保存します（「詳細設定」「NAT」「ポート転送」などの項目にあることが多いです）。',
        '何かが動かなくなった場合は、UPnP をすべての機器に許すのではなく、その機器に必要なポートだけを手動で転送します。',
        'ルーターがプロバイダーからの貸し出し品で設定を変えられない場合は、UPnP の無効化をプロバイダーに依頼します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the router no longer answers UPnP port-mapping requests.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。ルーターが UPnP のポートマッピング要求に応答しなくなれば解決です。',
    },
    standards: {
      etsiEn303645: ['5.6-1', '5.6-2'],
      jcStar1: ['不要なインターフェースの無効化 / unused interfaces disabled', 'アクセス制御 / access control'],
      nistir8425: ['Interface Access Control', 'Product Configuration'],
    },
  },
];
