// Firmware and software age: a version with published flaws, and software that gets no fixes any more.
import type { KnowledgeEntry } from './types.js';

const STANDARDS = {
  etsiEn303645: ['5.3-1', '5.3-2', '5.3-8', '5.3-13'],
  jcStar1: ['ソフトウェアの更新 / software updates', 'サポート期間の明示 / defined support period'],
  nistir8425: ['Software Update'],
};

export const softwareAge: KnowledgeEntry[] = [
  {
    family: 'known-vulnerability',
    service: 'software',
    severity: 'high',
    title: {
      en: 'This device runs a software version with published security flaws',
      ja: 'この機器は、セキュリティ上の弱点が公表されているバージョンのソフトウェアで動いています',
    },
    explanation: {
      en: 'The device told Mamori which program and version it runs (in its greeting or web server header), and that version has publicly known flaws (listed with their CVE numbers in the evidence). Attack tools and botnets such as Mirai\'s successors search networks for exactly these versions, and many of these flaws let them in without any password. Mamori only read the version: it did not try the flaw, and a manufacturer may have repaired it without changing the number, so treat this as likely, not certain.',
      ja: 'この機器は、動いているプログラムとそのバージョンを（接続時のあいさつや Web サーバーの応答で）自ら名乗っており、そのバージョンには公表された弱点があります（根拠欄に CVE 番号で示しています）。Mirai の後継などのボットネットや攻撃ツールは、まさにこうしたバージョンをネットワーク上で探し、多くはパスワードなしで侵入します。Mamori はバージョンを読み取っただけで弱点を試してはいません。メーカーが番号を変えずに修正している場合もあるため、「可能性が高い」という判定です。',
    },
    responsible: ['user', 'manufacturer'],
    fix: {
      en: [
        'Open the device\'s app or settings page and look for "Firmware update", "Software update" or "System > Upgrade"; install the newest version the manufacturer offers, and switch on automatic updates if there is such an option.',
        'If the settings show no update, look the model up on the manufacturer\'s support site (the brand steps below link to it) and compare the latest firmware with the version on the device.',
        'If no newer firmware exists, ask the manufacturer whether this flaw (the CVE number in the evidence) is fixed for your model and until when the model will receive security updates.',
        'Until it is fixed, keep the device off the internet: no port forwarding or UPnP for it, and no remote access except through the maker\'s app or a VPN.',
        'If the manufacturer no longer updates the model, plan to replace it with one whose support period is stated.',
      ],
      ja: [
        '機器のアプリまたは設定画面を開き、「ファームウェア更新」「ソフトウェア更新」「システム＞アップデート」などの項目から、メーカーが提供する最新のバージョンに更新します。自動更新の設定があれば有効にします。',
        '設定画面に更新が出てこない場合は、メーカーのサポートサイト（下のメーカー別手順にリンクがあります）で型番を調べ、最新のファームウェアと機器のバージョンを比べます。',
        '新しいファームウェアがない場合は、この弱点（根拠欄の CVE 番号）がお使いの機種で修正されているか、またその機種のセキュリティ更新がいつまで提供されるかをメーカーに問い合わせます。',
        '修正されるまでは、この機器をインターネットから見えない状態にしておきます。ポート転送や UPnP を使わず、外からの利用はメーカーのアプリか VPN 経由に限ります。',
        'メーカーがもうその機種を更新していない場合は、サポート期間が明示された機種への買い替えを検討します。',
      ],
    },
    verify: {
      en: 'After updating, scan again with Mamori: the finding is gone when the device announces a version outside the affected range (or no longer announces one it cannot back up).',
      ja: '更新後にもう一度 Mamori でスキャンします。機器が影響範囲外のバージョンを名乗るようになれば解決です。',
    },
    standards: STANDARDS,
  },
  {
    family: 'outdated-software',
    service: 'software',
    severity: 'medium',
    title: {
      en: 'This device runs software that no longer receives security fixes',
      ja: 'この機器は、セキュリティ修正が提供されなくなったソフトウェアで動いています',
    },
    explanation: {
      en: 'The device announces a component whose developers stopped releasing fixes long ago (end of life). No specific flaw is matched for this exact version, but any flaw found from now on will stay open, and attackers know these old components well. Only the device\'s manufacturer can replace such a component inside the firmware.',
      ja: 'この機器は、開発元がずっと前に修正の提供をやめた部品（ソフトウェア）を名乗っています（サポート終了）。このバージョンに特定の弱点は照合されていませんが、今後見つかる弱点はふさがれないままになり、攻撃者はこうした古い部品をよく知っています。ファームウェアの中の部品を入れ替えられるのは機器のメーカーだけです。',
    },
    responsible: ['manufacturer', 'user'],
    fix: {
      en: [
        'Check whether the manufacturer offers newer firmware for the device (settings page, app, or support site) and install it: newer firmware may use a maintained component.',
        'Ask the manufacturer whether the model is still supported, which component version its latest firmware uses, and until when it will receive security updates.',
        'If the model is no longer supported, replace it; until then keep it off the internet (no port forwarding or UPnP) and change its password to a long, unique one.',
      ],
      ja: [
        'メーカーがこの機器の新しいファームウェアを提供していないか（設定画面・アプリ・サポートサイト）を確認し、あれば更新します。新しいファームウェアでは保守されている部品に置き換わっている場合があります。',
        'その機種がまだサポート対象か、最新ファームウェアがどのバージョンの部品を使っているか、セキュリティ更新がいつまで提供されるかをメーカーに問い合わせます。',
        'サポートが終了している場合は買い替えを検討します。それまではインターネットから見えない状態にし（ポート転送や UPnP を使わない）、パスワードをほかで使っていない長いものに変えておきます。',
      ],
    },
    verify: {
      en: 'After a firmware update, scan again with Mamori: the finding is gone when the device no longer announces the end-of-life component.',
      ja: 'ファームウェア更新後にもう一度 Mamori でスキャンします。サポート終了の部品を名乗らなくなれば解決です。',
    },
    standards: STANDARDS,
  },
];
