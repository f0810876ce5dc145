// Who acts on a known-vulnerable or end-of-life component, and what to ask when the owner cannot fix it.
import type { FamilyGuidance } from './types.js';

const PROVIDER = {
  en: 'Your internet or IT provider: if they supplied or manage the device (a rented router, a managed camera system), updating it is theirs to do.',
  ja: 'プロバイダーや IT サポート業者：レンタルのルーターや管理契約のカメラなど、業者が提供・管理している機器であれば、更新は業者の役目です。',
};
const INSTALLER = {
  en: 'Whoever installed it: camera and recorder installers often keep the firmware; ask them to update it or to tell you who can.',
  ja: '設置した業者：カメラや録画機はファームウェアを設置業者が管理していることがあります。更新するか、誰が更新できるかを教えてもらいます。',
};
const ASK_PROVIDER = {
  en: ['The device you supplied or manage for us (model: [fill in], firmware: [fill in]) runs software with published flaws ([CVE number from the report]). Please update it, or tell me when an update will be installed.'],
  ja: ['提供・管理していただいている機器（型番：［記入］、ファームウェア：［記入］）が、弱点の公表されているソフトウェア（［レポートの CVE 番号］）で動いています。更新していただくか、いつ更新されるかを教えてください。'],
};

export const SOFTWARE_AGE_GUIDANCE: readonly FamilyGuidance[] = [
  {
    family: 'known-vulnerability',
    roles: {
      user: { en: 'You (the owner): install the manufacturer\'s firmware update, when one exists, and keep the device off the internet until then.', ja: 'あなた（所有者）：メーカーのファームウェア更新があれば適用し、それまでは機器をインターネットから見えない状態にします。' },
      installer: INSTALLER,
      manufacturer: { en: 'The manufacturer: when no update exists, only they can fix the flaw; ask them the questions below. If they no longer support the model, replace it.', ja: 'メーカー：更新がない場合、弱点を直せるのはメーカーだけです。下の質問をメーカーにしてください。機種のサポートが終わっていれば買い替えます。' },
      provider: PROVIDER,
    },
    whenToAsk: {
      en: 'Ask the manufacturer when the device offers no newer firmware than the one it runs, or its support site lists none.',
      ja: '機器に今より新しいファームウェアが出てこない場合や、サポートサイトにも見当たらない場合は、メーカーに問い合わせてください。',
    },
    askManufacturer: {
      en: [
        'Model: [fill in], firmware version: [fill in]. A network check found that the device announces [component and version from the report], which is affected by [CVE number]. Is this fixed for my model, and in which firmware version?',
        'If it is not fixed yet: when will an update be released, and until when will this model receive security updates?',
      ],
      ja: [
        '型番：［記入］、ファームウェアのバージョン：［記入］。ネットワークの点検で、この機器が［レポートの部品名とバージョン］を名乗っており、［CVE 番号］の影響を受けることがわかりました。私の機種では修正されていますか。どのファームウェアのバージョンで修正されましたか。',
        'まだ修正されていない場合、更新はいつ提供されますか。この機種のセキュリティ更新はいつまで提供されますか。',
      ],
    },
    askProvider: ASK_PROVIDER,
  },
  {
    family: 'outdated-software',
    roles: {
      user: { en: 'You (the owner): update the firmware if a newer one exists; if the model is no longer supported, replace it.', ja: 'あなた（所有者）：新しいファームウェアがあれば更新します。機種のサポートが終わっていれば買い替えます。' },
      installer: INSTALLER,
      manufacturer: { en: 'The manufacturer: only they can replace an end-of-life component inside the firmware; ask whether they will, and until when the model is supported.', ja: 'メーカー：ファームウェア内のサポート終了部品を入れ替えられるのはメーカーだけです。入れ替える予定があるか、機種のサポートがいつまでかを尋ねます。' },
      provider: PROVIDER,
    },
    whenToAsk: {
      en: 'Ask the manufacturer when the latest firmware still announces the same old component, or when you cannot find the model\'s support period.',
      ja: '最新のファームウェアでも同じ古い部品を名乗る場合や、機種のサポート期間がわからない場合は、メーカーに問い合わせてください。',
    },
    askManufacturer: {
      en: [
        'Model: [fill in], firmware version: [fill in]. The device announces [component and version from the report], which its developers no longer maintain. Does a newer firmware replace it?',
        'Until when will this model receive security updates, and which model do you recommend if it is no longer supported?',
      ],
      ja: [
        '型番：［記入］、ファームウェアのバージョン：［記入］。この機器は、開発元の保守が終わった［レポートの部品名とバージョン］を名乗っています。新しいファームウェアで置き換えられていますか。',
        'この機種のセキュリティ更新はいつまで提供されますか。サポートが終了している場合、どの機種への買い替えを勧めますか。',
      ],
    },
    askProvider: ASK_PROVIDER,
  },
];
