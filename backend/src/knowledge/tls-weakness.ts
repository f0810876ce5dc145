// Weak TLS: a certificate nobody can check (self-signed, expired, wrong name) or old protocol
// versions (TLS 1.0/1.1). "tls" covers any TLS service without an entry of its own.
import type { KnowledgeEntry, Standards } from './types.js';

const TLS_STANDARDS: Standards = {
  etsiEn303645: ['5.5-1', '5.5-2', '5.5-3', '5.3-2'],
  jcStar1: ['通信の保護（適切な暗号の使用） / protection of communication with appropriate cryptography', 'ソフトウェアの更新 / software updates'],
  nistir8425: ['Data Protection', 'Software Update'],
};

export const tlsWeakness: KnowledgeEntry[] = [
  {
    family: 'tls-weakness',
    service: 'https',
    severity: 'medium',
    title: {
      en: 'The secure web page uses a weak or untrustworthy certificate or TLS version',
      ja: '暗号化された Web 画面の証明書または TLS のバージョンに問題があります',
    },
    explanation: {
      en: 'The page is encrypted, but either its certificate cannot prove it is really this device (self-signed, expired or for another name) or it still offers the outdated TLS 1.0/1.1. People learn to click through browser warnings, which is exactly what someone impersonating the device needs to capture your password.',
      ja: 'この画面は暗号化されていますが、証明書で本物の機器であることを確かめられない（自己署名・期限切れ・別の名前用）か、古い TLS 1.0/1.1 をまだ受け付けています。ブラウザーの警告を無視する習慣がつくと、機器になりすました相手にパスワードを渡してしまう危険が高まります。',
    },
    responsible: ['user', 'manufacturer'],
    fix: {
      en: [
        'Update the firmware to the latest version: vendors turn off TLS 1.0/1.1 and renew built-in certificates in updates.',
        'In the settings, look for "HTTPS", "SSL/TLS" or "Certificate": set the minimum TLS version to 1.2 if offered, and renew or regenerate an expired certificate.',
        'For a NAS or router that has a name on the internet, use a certificate from a trusted authority (many offer Let\'s Encrypt in their certificate settings).',
        'For a self-signed certificate you keep, check its fingerprint once and add it as trusted on your own computer instead of clicking through the warning every time.',
        'If the device still offers only old TLS, ask the manufacturer for a firmware update.',
      ],
      ja: [
        'ファームウェアを最新版に更新します。更新で TLS 1.0/1.1 を無効にしたり、内蔵の証明書を新しくしたりするメーカーが多くあります。',
        '設定画面で「HTTPS」「SSL/TLS」「証明書」などの項目を開き、選べるなら最低の TLS バージョンを 1.2 にし、期限切れの証明書は更新または作り直します。',
        'インターネット上の名前を持つ NAS やルーターは、信頼できる認証局の証明書を使います（証明書の設定で Let\'s Encrypt を選べる機器が多くあります）。',
        '自己署名の証明書をそのまま使う場合は、一度だけフィンガープリント（証明書を見分ける値）を確かめて自分のパソコンで信頼済みにし、毎回警告を無視しないようにします。',
        '古い TLS しか使えない場合は、メーカーにファームウェアの更新を求めてください。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the certificate is valid for the device and TLS 1.0/1.1 are refused.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。証明書がその機器に対して有効で、TLS 1.0/1.1 が拒否されれば解決です。',
    },
    standards: TLS_STANDARDS,
  },
  {
    family: 'tls-weakness',
    service: 'mqtts',
    severity: 'medium',
    title: {
      en: 'The encrypted MQTT broker uses a weak or untrustworthy certificate or TLS version',
      ja: '暗号化された MQTT の証明書または TLS のバージョンに問題があります',
    },
    explanation: {
      en: 'Smart-home messages to this broker are encrypted, but devices cannot be sure they are talking to the real broker (self-signed, expired or wrongly named certificate) or the broker still allows outdated TLS 1.0/1.1. A device that accepts any certificate can be fooled into sending its commands and password to an impostor.',
      ja: 'このブローカーへの通信は暗号化されていますが、証明書（自己署名・期限切れ・名前の不一致）のせいで機器が本物のブローカーと通信しているか確かめられないか、古い TLS 1.0/1.1 をまだ受け付けています。どんな証明書でも受け入れる機器は、なりすましたブローカーに命令やパスワードを送ってしまうおそれがあります。',
    },
    responsible: ['user', 'installer', 'manufacturer'],
    fix: {
      en: [
        'Renew the broker certificate before it expires, with the broker\'s host name in it (for Mosquitto: "certfile"/"keyfile" in the listener 8883 section).',
        'If you use your own certificate authority, install its certificate on every device so they can verify the broker; turn on certificate verification in the devices that have the option.',
        'Allow TLS 1.2 or later only (for Mosquitto: "tls_version tlsv1.2").',
        'Update the broker (or the hub that contains it) to the latest version.',
      ],
      ja: [
        '期限が切れる前に、ブローカーのホスト名を含む証明書に更新します（Mosquitto なら 8883 の listener 設定の「certfile」「keyfile」）。',
        '独自の認証局を使う場合は、その証明書をすべての機器に入れてブローカーを検証できるようにし、機器に証明書の検証の設定があれば有効にします。',
        'TLS 1.2 以上だけを許可します（Mosquitto なら「tls_version tlsv1.2」）。',
        'ブローカー（またはそれを内蔵するハブ）を最新版に更新します。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the broker presents a valid certificate for its name and refuses TLS 1.0/1.1.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。ブローカーがその名前に有効な証明書を示し、TLS 1.0/1.1 を拒否すれば解決です。',
    },
    standards: TLS_STANDARDS,
  },
  {
    family: 'tls-weakness',
    service: 'tls',
    severity: 'medium',
    title: {
      en: 'An encrypted service uses a weak or untrustworthy certificate or TLS version',
      ja: '暗号化されたサービスの証明書または TLS のバージョンに問題があります',
    },
    explanation: {
      en: 'This service encrypts its traffic, but its certificate cannot prove who it is (self-signed, expired or for another name) or it still offers outdated TLS 1.0/1.1. Apps that accept it anyway can be tricked into talking to an impostor that reads or changes what they send.',
      ja: 'このサービスは通信を暗号化していますが、証明書で相手を証明できない（自己署名・期限切れ・別の名前用）か、古い TLS 1.0/1.1 をまだ受け付けています。それでも接続してしまうアプリは、なりすました相手に通信内容を読まれたり書き換えられたりするおそれがあります。',
    },
    responsible: ['user', 'manufacturer'],
    fix: {
      en: [
        'Update the device or program that offers this service to the latest version.',
        'In its settings, set the minimum TLS version to 1.2 if offered, and renew or replace an expired or wrongly named certificate.',
        'If the service is not needed, switch it off.',
        'If you cannot change it, ask the manufacturer for an update that supports current TLS and valid certificates.',
      ],
      ja: [
        'このサービスを提供している機器やソフトウェアを最新版に更新します。',
        '設定で選べるなら最低の TLS バージョンを 1.2 にし、期限切れや名前の合わない証明書は更新または差し替えます。',
        'このサービスを使っていなければ無効にします。',
        '自分で変更できない場合は、現在の TLS と正しい証明書に対応した更新をメーカーに求めてください。',
      ],
    },
    verify: {
      en: 'Re-test this finding in Mamori (or scan again): it is fixed when the service presents a valid certificate and refuses TLS 1.0/1.1.',
      ja: 'Mamori でこの項目を再テスト（または再スキャン）します。サービスが有効な証明書を示し、TLS 1.0/1.1 を拒否すれば解決です。',
    },
    standards: { ...TLS_STANDARDS, etsiEn303645: [...TLS_STANDARDS.etsiEn303645, '5.6-1'] },
  },
];
