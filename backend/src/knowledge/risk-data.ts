// The numbers and sentences behind the risk of a finding (risk.ts combines them). Each factor has a
// stable code; the dashboard shows the sentence of each code in the reader's language.
import type { DeviceType, FindingFamily } from '../core/types.js';
import type { Localized } from './types.js';

/** How likely an attacker is to use it, 1–5, by family and (when it differs) service. */
export const BASE_LIKELIHOOD: Record<FindingFamily, { default: number } & Record<string, number>> = {
  // snmp-write findings are always 'likely' (never verified by writing), which takes one off: 3 like snmp.
  'default-credentials': { default: 4, telnet: 5, ftp: 3, mqtt: 3, snmp: 3, 'snmp-write': 4 },
  'anonymous-access': { default: 4 },
  'cleartext-service': { default: 2, telnet: 3 },
  'tls-weakness': { default: 2 },
  // A forwarded port is found by internet-wide scanners within hours; an open IGD needs a foothold first.
  'internet-exposure': { default: 4, 'upnp-igd': 2 },
  // SMBv1 is what the WannaCry and NotPetya worms spread through; it needs an unpatched flaw too.
  'outdated-protocol': { default: 3 },
  // A published flaw in the version a device announces: botnets scan for exactly these (Mirai's heirs).
  'known-vulnerability': { default: 4 },
  // No fixes any more: the next flaw found stays open for good.
  'outdated-software': { default: 2 },
};

/** What an attacker gains, 1–5, before the device class is taken into account. */
export const BASE_IMPACT: Record<FindingFamily, { default: number } & Record<string, number>> = {
  // A read-write community changes settings (a router's DNS, ports, a restart): as much as an admin login.
  'default-credentials': { default: 4, telnet: 5, ssh: 5, http: 5, snmp: 3, 'snmp-write': 5 },
  'anonymous-access': { default: 4, http: 5 },
  'cleartext-service': { default: 3, telnet: 4, snmp: 2 },
  'tls-weakness': { default: 2 },
  'internet-exposure': { default: 4, 'upnp-igd': 3 },
  'outdated-protocol': { default: 4 },
  'known-vulnerability': { default: 4 },
  'outdated-software': { default: 3 },
};

/** What is at stake on this kind of device, 1–5: a camera indoors outweighs a plug. */
export const DEVICE_IMPACT: Record<DeviceType, number> = {
  router: 5, camera: 5, nas: 5, computer: 4, phone: 4, hub: 4, speaker: 3, tv: 3, thermostat: 3,
  unknown: 3, 'media-player': 2, printer: 2, appliance: 2, plug: 2, light: 1,
};

/** Internet exposure raises likelihood: more for a way in (a login) than for eavesdropping. */
export const INTERNET_BONUS: Record<FindingFamily, number> = {
  'default-credentials': 2, 'anonymous-access': 2, 'cleartext-service': 1, 'tls-weakness': 1,
  // Already counted in its base likelihood: the finding is the exposure.
  'internet-exposure': 0,
  'outdated-protocol': 2,
  'known-vulnerability': 1, 'outdated-software': 2,
};

/** Findings that are themselves a port forwarded from the internet (family/service). */
export const EXPOSED_BY_NATURE: readonly string[] = ['internet-exposure/upnp'];

export const RISK_REASONS: Record<string, Localized<string>> = {
  'likelihood.default-credentials': {
    en: 'Factory passwords are published in manuals and lists, and attack tools try them automatically.',
    ja: '初期パスワードは説明書や一覧で公開されており、攻撃ツールが自動で試しています。',
  },
  'likelihood.default-credentials.telnet': {
    en: 'Factory telnet passwords are what the Mirai botnet and its successors try, around the clock: this is very likely to be used.',
    ja: 'Telnet の初期パスワードは、Mirai ボットネットやその後継が昼夜を問わず試しているものです。悪用される起こりやすさが非常に高い状態です。',
  },
  'likelihood.anonymous-access': {
    en: 'No password is needed at all: anyone who reaches the service gets in, with no skill required.',
    ja: 'パスワードがまったく不要です。このサービスに接続できる人なら誰でも、特別な技術なしに入れます。',
  },
  'likelihood.cleartext-service': {
    en: 'Reading unencrypted traffic needs someone already on your network (a hacked device or a Wi-Fi intruder), so it is less likely than a direct login.',
    ja: '暗号化されていない通信を盗み見るには、すでにネットワーク内にいる相手（乗っ取られた機器や Wi-Fi への侵入者）が必要なため、直接ログインされるよりは起こりにくいものです。',
  },
  'likelihood.cleartext-service.telnet': {
    en: 'Telnet is among the most scanned services, and its logins travel in clear text: more likely than other unencrypted services.',
    ja: 'Telnet は最もよく探される種類のサービスで、ログインも暗号化されずに流れます。ほかの暗号化なしのサービスより狙われやすい状態です。',
  },
  'likelihood.internet-exposure': {
    en: 'The port is open to the whole internet: automated scanners find new open ports within hours and try factory passwords and known flaws on them.',
    ja: 'このポートはインターネット全体に開いています。自動のスキャンが新しく開いたポートを数時間で見つけ、初期パスワードや既知の弱点を試します。',
  },
  'likelihood.internet-exposure.upnp-igd': {
    en: 'Using it needs a device on your network that asks for a port mapping (a careless app or malware): common, but not a way in by itself.',
    ja: '悪用するには、ポート開放を要求する機器（不用意なアプリやマルウェア）がネットワーク内に必要です。よくあることですが、それだけで侵入口になるわけではありません。',
  },
  'likelihood.outdated-protocol': {
    en: 'The old protocol has flaws that self-spreading malware uses (SMBv1: the WannaCry and NotPetya worms); any device on your network that gets infected can try them, with no password needed.',
    ja: '古いプロトコルには、自動で広がるマルウェアが使う弱点があります（SMBv1 なら WannaCry や NotPetya というワーム）。ネットワーク内のどれか 1 台が感染すれば、パスワードなしでこの弱点を試されます。',
  },
  'likelihood.known-vulnerability': {
    en: 'The flaw is published with its version number, and automated attack tools look for exactly that version; many need no password.',
    ja: 'この弱点はバージョン番号とともに公開されており、自動化された攻撃ツールはまさにそのバージョンを探します。パスワードなしで使えるものも多くあります。',
  },
  'likelihood.outdated-software': {
    en: 'No flaw is known for this exact version yet, but none found from now on will ever be fixed.',
    ja: 'このバージョンに特定の弱点はまだ知られていませんが、今後見つかる弱点は二度と修正されません。',
  },
  'likelihood.tls-weakness': {
    en: 'Using it needs someone who can intercept traffic on your network and a person who clicks past a warning: possible, but not the first thing attackers try.',
    ja: '悪用するには、ネットワークの通信を横取りできる相手と、警告を無視して進む利用者が必要です。起こりえますが、攻撃者が最初に試す手口ではありません。',
  },
  'exposure.internet': {
    en: 'The router forwards this port from the internet (for example through a UPnP port mapping), so anyone online can try it — likelihood raised.',
    ja: 'ルーターがインターネットからこのポートへ転送しています（UPnP による自動設定など）。インターネット上の誰でも試せるため、起こりやすさを引き上げています。',
  },
  'exposure.internet.mapping': {
    en: 'The router forwards this port from the internet (the port mapping is the finding itself): anyone online can reach it.',
    ja: 'ルーターがインターネットからこのポートへ転送しています（このポートマッピング自体が問題です）。インターネット上の誰でも届きます。',
  },
  'exposure.lan': {
    en: 'As far as Mamori can tell it is reachable only from your home network: an attacker first needs a foothold inside (an infected phone, a guest, a hacked device).',
    ja: 'Mamori が確認できた範囲では、家庭内のネットワークからしか届きません。攻撃者はまず内部に足場（感染したスマートフォン、来客の端末、乗っ取られた機器など）を必要とします。',
  },
  'evidence.confirmed': {
    en: 'Confirmed: Mamori actually observed it (for example a login was accepted and a wrong password was refused).',
    ja: '確認済み：Mamori が実際に確かめました（例：ログインが受け付けられ、誤ったパスワードは拒否された）。',
  },
  'evidence.likely': {
    en: 'Likely but not confirmed (Mamori saw strong signs, not proof), so the likelihood is lowered one step.',
    ja: 'おそらく当てはまりますが未確認です（強い兆候はあるが確証はない）。そのため起こりやすさを 1 段階下げています。',
  },
  'impact.default-credentials': {
    en: 'Whoever logs in can control the device: change its settings, read its data, or use it to attack other devices.',
    ja: 'ログインした人は機器を操作できます。設定を変える、データを読む、ほかの機器への攻撃に使う、といったことが可能です。',
  },
  'impact.anonymous-access': {
    en: 'Anyone can use the service as if they were you: read or change what it holds or controls.',
    ja: '誰でもあなたと同じようにこのサービスを使え、保存されている内容や操作できるものを読んだり変えたりできます。',
  },
  'impact.cleartext-service': {
    en: 'Passwords and data can be read in transit and reused to log in.',
    ja: 'パスワードやデータが通信の途中で読まれ、ログインに悪用されるおそれがあります。',
  },
  'impact.internet-exposure': {
    en: 'Whatever a port mapping forwards — a login page, a video stream, a remote shell — comes within reach of anyone on the internet, not only of people on your network.',
    ja: 'ポートマッピングで転送されるもの（ログイン画面・映像・遠隔操作など）に、家庭内の人だけでなくインターネット上の誰でも手が届くようになります。',
  },
  'impact.outdated-protocol': {
    en: 'A successful attack through the old protocol takes over the whole device and the files it shares — the way ransomware encrypted whole offices in 2017.',
    ja: '古いプロトコルを通じた攻撃が成功すると、機器全体と共有しているファイルが乗っ取られます。2017 年にランサムウェアが事務所ごと暗号化したのと同じ手口です。',
  },
  'impact.known-vulnerability': {
    en: 'Most such flaws give an attacker control of the device, or of what it records and stores, and a foothold in your network.',
    ja: 'こうした弱点の多くは、機器そのものや録画・保存された内容を攻撃者が操れるようにし、家庭内ネットワークへの足がかりを与えます。',
  },
  'impact.outdated-software': {
    en: 'Software without maintenance stays as it is: whatever it protects depends on flaws nobody will repair.',
    ja: '保守の終わったソフトウェアはそのまま残ります。守っているものの安全が、誰も直さない弱点に左右されます。',
  },
  'impact.tls-weakness': {
    en: 'An impostor could read or change the encrypted traffic, including passwords typed into it.',
    ja: 'なりすました相手が暗号化された通信を読んだり書き換えたりでき、入力したパスワードも含まれます。',
  },
  'device.router': { en: 'A router sees all your internet traffic and guards every other device: the highest impact.', ja: 'ルーターはすべてのインターネット通信を扱い、ほかの機器を守る役目もあるため、影響は最大です。' },
  'device.camera': { en: 'A camera shows the inside of your home or shop: the highest impact on privacy.', ja: 'カメラは家やお店の中を映すため、プライバシーへの影響は最大です。' },
  'device.nas': { en: 'A NAS holds your files, photos and backups: the highest impact.', ja: 'NAS にはファイル・写真・バックアップが保存されているため、影響は最大です。' },
  'device.computer': { en: 'A computer holds personal data and accounts: high impact.', ja: 'パソコンには個人データやアカウント情報があるため、影響は大きくなります。' },
  'device.phone': { en: 'A phone holds personal data, messages and accounts: high impact.', ja: 'スマートフォンには個人データ・メッセージ・アカウント情報があるため、影響は大きくなります。' },
  'device.hub': { en: 'A smart-home hub controls other devices (locks, alarms, plugs): high impact.', ja: 'スマートホームのハブはほかの機器（鍵・警報・プラグなど）を操作するため、影響は大きくなります。' },
  'device.speaker': { en: 'A smart speaker has microphones and links to your accounts: medium impact.', ja: 'スマートスピーカーにはマイクがあり、アカウントとも連携しているため、影響は中程度です。' },
  'device.tv': { en: 'A TV may have a camera or microphone and your streaming accounts: medium impact.', ja: 'テレビにはカメラやマイク、動画サービスのアカウントがある場合があり、影響は中程度です。' },
  'device.thermostat': { en: 'A thermostat controls heating and cooling and shows when you are home: medium impact.', ja: 'サーモスタットは冷暖房を操作し、在宅かどうかもわかるため、影響は中程度です。' },
  'device.unknown': { en: 'Mamori could not tell what kind of device this is, so a medium impact is assumed.', ja: 'どのような機器か判別できなかったため、影響は中程度と仮定しています。' },
  'device.media-player': { en: 'A media player holds little personal data: lower impact.', ja: 'メディアプレーヤーには個人データがあまりないため、影響は小さめです。' },
  'device.printer': { en: 'A printer may keep copies of printed documents but controls little else: lower impact.', ja: 'プリンターには印刷した文書が残ることがありますが、ほかに操作できるものは少ないため、影響は小さめです。' },
  'device.appliance': { en: 'A home appliance controls one machine and holds little personal data: lower impact.', ja: '家電は 1 台の機械を操作するだけで個人データも少ないため、影響は小さめです。' },
  'device.plug': { en: 'A smart plug only switches power, though it can still be a foothold into your network: lower impact.', ja: 'スマートプラグは電源を入り切りするだけですが、ネットワークへの足場にはなりえます。影響は小さめです。' },
  'device.light': { en: 'A light holds no personal data: the lowest impact, though it can still be a foothold.', ja: '照明には個人データがないため影響は最小ですが、ネットワークへの足場にはなりえます。' },
};
