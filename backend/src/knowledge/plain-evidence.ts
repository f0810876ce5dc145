// The evidence in plain words, in both languages: what Mamori saw, said the way a household
// would say it ("Mamori signed in to Telnet with a factory password (shown masked: r**t / 1***5)"),
// while the exact technical record stays one click away. Per family, with a generic sentence for
// families added later. Pure and import-free at run time (the dashboard bundles it).
import type { FindingFamily } from '../core/types.js';
import { externalPortOf, serviceLabel, type FitLanguage } from './fit.js';

export interface EvidenceFacts {
  family: FindingFamily;
  service: string;
  port: number;
  evidence: string;
}

/** A masked pair as the checks write it ("r**t / 1***5"), or a masked community ("community p****c"). */
function maskedCredential(evidence: string): string | null {
  const pair = /([^\s;,()]*\*[^\s;,()]*) \/ ([^\s;,()]*\*[^\s;,()]*)/.exec(evidence);
  if (pair) return `${pair[1]} / ${pair[2]}`;
  return /community ([^\s;,()]*\*[^\s;,()]*)/.exec(evidence)?.[1] ?? null;
}

function tlsProblems(evidence: string, lang: FitLanguage): string[] {
  const words: Array<[RegExp, string, string]> = [
    [/self-signed/i, 'its certificate is self-signed (not vouched for by anyone)', '証明書が自己署名です（第三者の保証がありません）'],
    [/expired/i, 'its certificate has expired', '証明書の有効期限が切れています'],
    [/mismatch|issued for/i, 'its certificate is made out to another name', '証明書の名前が機器と合いません'],
    [/TLS ?1\.[01]|TLSv1(\.1)?\b|SSL/i, 'it still accepts old, broken versions of encryption (TLS 1.0/1.1)', '古く弱い暗号化方式（TLS 1.0/1.1）をまだ受け付けます'],
    [/weak cipher|RC4|3DES|export/i, 'it offers weak ciphers', '弱い暗号方式を使えます'],
  ];
  return words.filter(([re]) => re.test(evidence)).map(([, en, ja]) => (lang === 'ja' ? ja : en));
}

export function plainEvidence(facts: EvidenceFacts, lang: FitLanguage): string {
  const service = serviceLabel(facts.service);
  const { port, evidence } = facts;
  const ja = lang === 'ja';
  switch (facts.family) {
    case 'default-credentials': {
      if (/accepts any password/i.test(evidence)) {
        return ja ? `${service}（ポート ${port}）は、どんなパスワードでもログインできてしまいました。`
          : `${service} on port ${port} let Mamori in with any password at all.`;
      }
      const masked = maskedCredential(evidence);
      const shown = masked ? (ja ? `（伏せ字で表示：${masked}）` : ` (shown masked: ${masked})`) : '';
      return ja ? `Mamori が ${service}（ポート ${port}）に、工場出荷時のパスワードでログインできました${shown}。それ以上の操作はしていません。`
        : `Mamori signed in to ${service} on port ${port} with a factory password${shown}, and did nothing more.`;
    }
    case 'anonymous-access':
      return ja ? `${service}（ポート ${port}）に、パスワードなしで接続できました。Mamori はそれ以上のことはしていません（何も読み取り・変更していません）。`
        : `${service} on port ${port} let Mamori in without any password. Mamori went no further (nothing was read or changed).`;
    case 'cleartext-service':
      return ja ? `${service}（ポート ${port}）は暗号化なしで動いています。送られる内容は、パスワードも含めて、同じネットワークの他の機器から読めてしまいます。`
        : `${service} on port ${port} works without encryption: what it sends, passwords included, can be read by other devices on your network.`;
    case 'tls-weakness': {
      const problems = tlsProblems(evidence, lang);
      const list = problems.length ? problems.join(ja ? '。' : '; ') : (ja ? '暗号化の設定に弱点があります' : 'its encryption settings have a weakness');
      return ja ? `${service}（ポート ${port}）の暗号化について：${list}。` : `About the encryption of ${service} on port ${port}: ${list}.`;
    }
    case 'internet-exposure': {
      const external = externalPortOf(evidence);
      if (external !== null) {
        return ja ? `ルーターが、インターネットからのポート ${external} をこの機器のポート ${port} へ転送しています（UPnP で自動的に開けられたものです）。`
          : `Your router forwards port ${external} from the internet to this device's port ${port} (opened automatically through UPnP).`;
      }
      return ja ? 'ルーターが、ログインなしで家の中のどの機器からでもインターネット側のポートを開けられる状態です（UPnP）。'
        : 'Your router lets any device in the home open ports to the internet, without a login (UPnP).';
    }
    case 'outdated-protocol':
      return ja ? `${service}（ポート ${port}）が、安全上の理由で廃止された古い方式をまだ使えます。`
        : `${service} on port ${port} still speaks an old version, retired for its security flaws.`;
    default:
      return ja ? `${service}（ポート ${port}）で見つかりました。詳しくは下の技術的な記録をご覧ください。`
        : `Found on ${service}, port ${port}. The technical record below has the details.`;
  }
}
