// Who must act, per finding family, and what to ask the manufacturer or the internet provider when
// the user cannot fix it alone. Questions are phrased so they can be pasted into a support form.
import type { FindingFamily } from '../core/types.js';
import type { FamilyGuidance } from './types.js';
import { SOFTWARE_AGE_GUIDANCE } from './software-age-guidance.js';

export const GUIDANCE: readonly FamilyGuidance[] = [
  {
    family: 'default-credentials',
    roles: {
      user: { en: 'You (the owner): change the factory password, and switch the service off if you do not use it.', ja: 'あなた（所有者）：初期パスワードを変更し、使っていないサービスは無効にします。' },
      installer: { en: 'Whoever installed it (an electrician, a security company, IT support): they often set the factory password and should change it and hand it over to you.', ja: '設置した業者（電気工事店・警備会社・IT サポートなど）：初期パスワードのまま設置していることが多いため、変更したうえで新しいパスワードをあなたに引き渡してもらいます。' },
      manufacturer: { en: 'The manufacturer: if the password cannot be changed (hard-coded) or there is no update, only they can fix it.', ja: 'メーカー：パスワードを変更できない（固定されている）場合や更新がない場合は、メーカーにしか直せません。' },
      provider: { en: 'Your internet provider: if they supplied and manage this router, they must change the password or let you do it.', ja: 'プロバイダー（回線事業者）：このルーターが貸し出し品で事業者が管理している場合、事業者が変更するか、あなたが変更できるようにしてもらいます。' },
    },
    whenToAsk: {
      en: 'Ask for help when the settings have no place to change this password, the change does not stick after a restart, there is no newer firmware, or the router belongs to your internet provider.',
      ja: '設定画面にこのパスワードを変える項目がない、再起動すると元に戻る、新しいファームウェアがない、ルーターがプロバイダーからの貸し出し品である――このような場合は相談してください。',
    },
    askManufacturer: {
      en: [
        'Model and firmware version: [fill in]. A network check found that the factory password is accepted on [service]. How can I change it?',
        'If it cannot be changed: is there a firmware update that removes or lets me change this password, and when will it be released?',
        'Until then, can the service be switched off without losing the features I use?',
        'Until when will this model receive security updates?',
      ],
      ja: [
        '型番とファームウェアのバージョン：［記入］。ネットワークの点検で、［サービス名］に初期パスワードでログインできることがわかりました。変更する方法を教えてください。',
        '変更できない場合、このパスワードを削除または変更できるようにするファームウェア更新はありますか。いつ提供されますか。',
        'それまでの間、使っている機能に影響を与えずにこのサービスを無効にできますか。',
        'この機種のセキュリティ更新はいつまで提供されますか。',
      ],
    },
    askProvider: {
      en: [
        'The router you supplied (model: [fill in]) accepts its factory password on [service]. Please change it, or tell me how I can change it myself.',
        'Is remote management of this router switched on from your side, and who can use it?',
        'Will you update the router firmware, or replace the router if no update exists?',
      ],
      ja: [
        '貸し出していただいているルーター（型番：［記入］）で、［サービス名］に初期パスワードでログインできる状態です。変更していただくか、自分で変更する方法を教えてください。',
        'このルーターの遠隔管理機能は御社側で有効になっていますか。誰が利用できますか。',
        'ファームウェアの更新、または更新がない場合の機器交換は行っていただけますか。',
      ],
    },
  },
  {
    family: 'anonymous-access',
    roles: {
      user: { en: 'You (the owner): turn on a password for this service, or switch it off.', ja: 'あなた（所有者）：このサービスにパスワードを設定するか、サービスを無効にします。' },
      installer: { en: 'Whoever installed it: they may have left it open to make set-up easier and should close it.', ja: '設置した業者：設置を楽にするために開けたままにしている場合があるため、閉じてもらいます。' },
      manufacturer: { en: 'The manufacturer: if the device offers no way to require a password, only a firmware update can fix it.', ja: 'メーカー：パスワードを必須にする方法がない機器は、ファームウェアの更新でしか直せません。' },
      provider: { en: 'Your internet or cloud provider: if they manage this device, they must lock it down.', ja: 'プロバイダーやクラウドサービスの事業者：その事業者が管理している機器であれば、事業者に閉じてもらいます。' },
    },
    whenToAsk: {
      en: 'Ask for help when you cannot find a setting that requires a password, or the device stops working when you turn it on.',
      ja: 'パスワードを必須にする設定が見つからない場合や、設定すると機器が動かなくなる場合は相談してください。',
    },
    askManufacturer: {
      en: [
        'Model and firmware version: [fill in]. A network check found that [service] lets anyone in without a password. How do I require a password?',
        'If that is not possible: is there a firmware update that adds authentication, and when?',
        'Can [service] be switched off without losing the features I use?',
      ],
      ja: [
        '型番とファームウェアのバージョン：［記入］。ネットワークの点検で、［サービス名］にパスワードなしで誰でも接続できることがわかりました。パスワードを必須にする方法を教えてください。',
        'それができない場合、認証を追加するファームウェア更新はありますか。いつ提供されますか。',
        '使っている機能に影響を与えずに［サービス名］を無効にできますか。',
      ],
    },
    askProvider: {
      en: [
        'The device you supplied (model: [fill in]) lets anyone on my network use [service] without a password. Please secure it or tell me how.',
        'Is this access needed for your service? If not, please switch it off.',
      ],
      ja: [
        '提供していただいている機器（型番：［記入］）で、［サービス名］がパスワードなしで誰でも使える状態です。対策していただくか、方法を教えてください。',
        'この接続は御社のサービスに必要なものですか。不要であれば無効にしてください。',
      ],
    },
  },
  {
    family: 'cleartext-service',
    roles: {
      user: { en: 'You (the owner): switch the unencrypted service off, or use its encrypted version.', ja: 'あなた（所有者）：暗号化されていないサービスを無効にするか、暗号化された方式に切り替えます。' },
      installer: { en: 'Whoever installed it: they chose how the devices talk to each other and can switch them to encrypted connections.', ja: '設置した業者：機器どうしの接続方法を決めているため、暗号化された接続に切り替えてもらいます。' },
      manufacturer: { en: 'The manufacturer: if the device offers no encrypted alternative, only a firmware update can add one.', ja: 'メーカー：暗号化された方式が用意されていない機器は、ファームウェアの更新でしか対応できません。' },
      provider: { en: 'Your internet provider: if they manage this device, they must switch the service off or encrypt it.', ja: 'プロバイダー：事業者が管理している機器であれば、サービスの無効化または暗号化を依頼します。' },
    },
    whenToAsk: {
      en: 'Ask for help when the unencrypted service cannot be switched off, or the device has no encrypted alternative.',
      ja: '暗号化されていないサービスを無効にできない場合や、暗号化された方式がない場合は相談してください。',
    },
    askManufacturer: {
      en: [
        'Model and firmware version: [fill in]. The device offers [service] without encryption. How can I switch it off or use an encrypted version (for example HTTPS, SFTP, MQTT over TLS, SNMPv3)?',
        'Is there a firmware update that adds encryption or removes [service]?',
      ],
      ja: [
        '型番とファームウェアのバージョン：［記入］。この機器は［サービス名］を暗号化なしで提供しています。無効にする方法、または暗号化された方式（HTTPS・SFTP・TLS を使う MQTT・SNMPv3 など）を使う方法を教えてください。',
        '暗号化に対応する、または［サービス名］を廃止するファームウェア更新はありますか。',
      ],
    },
    askProvider: {
      en: [
        'The device you supplied (model: [fill in]) offers [service] without encryption on my home network. Is it needed? If not, please switch it off; if it is, please enable encryption.',
      ],
      ja: [
        '提供していただいている機器（型番：［記入］）が、家庭内ネットワークで［サービス名］を暗号化なしで提供しています。必要なものですか。不要なら無効に、必要なら暗号化を有効にしてください。',
      ],
    },
  },
  {
    family: 'tls-weakness',
    roles: {
      user: { en: 'You (the owner): update the firmware and renew or replace the certificate if the settings allow it.', ja: 'あなた（所有者）：ファームウェアを更新し、設定でできる場合は証明書を更新または差し替えます。' },
      installer: { en: 'Whoever installed it: they may have installed the certificate and can renew it.', ja: '設置した業者：証明書を設定した業者であれば、更新してもらいます。' },
      manufacturer: { en: 'The manufacturer: built-in certificates and TLS versions are usually fixed in the firmware; only they can update them.', ja: 'メーカー：内蔵の証明書や TLS のバージョンは通常ファームウェアで決まっており、メーカーにしか更新できません。' },
      provider: { en: 'Your internet provider: if they manage this device, they must update it.', ja: 'プロバイダー：事業者が管理している機器であれば、更新を依頼します。' },
    },
    whenToAsk: {
      en: 'Ask for help when the latest firmware still offers TLS 1.0/1.1 or an expired certificate and the settings cannot change it.',
      ja: '最新のファームウェアでも TLS 1.0/1.1 や期限切れの証明書のままで、設定で変えられない場合は相談してください。',
    },
    askManufacturer: {
      en: [
        'Model and firmware version: [fill in]. The device\'s [service] offers TLS 1.0/1.1 or presents a self-signed, expired or mismatched certificate. Is there an update that fixes this?',
        'How can I install my own certificate or set the minimum TLS version to 1.2?',
      ],
      ja: [
        '型番とファームウェアのバージョン：［記入］。この機器の［サービス名］は TLS 1.0/1.1 を受け付けるか、自己署名・期限切れ・名前の合わない証明書を使っています。これを直す更新はありますか。',
        '自分の証明書を入れる方法、または最低の TLS バージョンを 1.2 にする方法を教えてください。',
      ],
    },
    askProvider: {
      en: [
        'The device you supplied (model: [fill in]) uses an outdated TLS version or an invalid certificate for [service]. Will you update or replace it?',
      ],
      ja: [
        '提供していただいている機器（型番：［記入］）の［サービス名］が、古い TLS か無効な証明書を使っています。更新または交換していただけますか。',
      ],
    },
  },
  {
    family: 'internet-exposure',
    roles: {
      user: { en: 'You (the owner): turn UPnP off on the device (and on the router if nothing needs it) and delete the port mapping.', ja: 'あなた（所有者）：機器の UPnP を無効にし（不要ならルーターの UPnP も）、ポートマッピングを削除します。' },
      installer: { en: 'Whoever installed it: cameras and recorders are often set up with UPnP on for remote viewing; they should switch to the maker\'s app or a VPN and turn UPnP off.', ja: '設置した業者：カメラや録画機は遠隔視聴のために UPnP を有効にして設置されることが多いため、メーカーのアプリや VPN に切り替え、UPnP を無効にしてもらいます。' },
      manufacturer: { en: 'The manufacturer: if UPnP cannot be switched off on the device, only a firmware update can stop it from opening ports.', ja: 'メーカー：機器の UPnP を無効にできない場合は、ポートを開けないようにするファームウェア更新をメーカーに求めます。' },
      provider: { en: 'Your internet provider: if they supplied and manage the router, they must remove the forwarding and switch UPnP off, or let you do it.', ja: 'プロバイダー（回線事業者）：ルーターが貸し出し品で事業者が管理している場合、転送の削除と UPnP の無効化を事業者に依頼するか、あなたが設定できるようにしてもらいます。' },
    },
    whenToAsk: {
      en: 'Ask for help when you cannot open the router\'s settings (a provider\'s router), or the device keeps opening ports even with UPnP switched off.',
      ja: 'ルーターの設定画面を開けない場合（プロバイダーのルーターなど）や、UPnP を無効にしても機器がポートを開け続ける場合は相談してください。',
    },
    askManufacturer: {
      en: [
        'Model and firmware version: [fill in]. The device opens a port on my router through UPnP. How can I switch UPnP off on the device and still use the app for remote access?',
      ],
      ja: [
        '型番とファームウェアのバージョン：［記入］。この機器が UPnP でルーターのポートを開けています。機器の UPnP を無効にしたうえで、アプリから遠隔で使う方法を教えてください。',
      ],
    },
    askProvider: {
      en: [
        'The router you supplied (model: [fill in]) has UPnP switched on and forwards port [external port] from the internet to a device on my network. Please remove this forwarding and switch UPnP off, or tell me how to do it.',
      ],
      ja: [
        '提供していただいているルーター（型番：［記入］）の UPnP が有効で、インターネットからのポート［外部ポート］が家庭内の機器へ転送されています。この転送を削除して UPnP を無効にするか、その方法を教えてください。',
      ],
    },
  },
  {
    family: 'outdated-protocol',
    roles: {
      user: { en: 'You (the owner): switch the old protocol off on the device (for SMB: "minimum SMB version" SMB2 or SMB3), and update it.', ja: 'あなた（所有者）：機器で古いプロトコルを無効にし（SMB なら「最小 SMB バージョン」を SMB2 か SMB3 に）、最新の状態に更新します。' },
      installer: { en: 'Whoever installed it: old scanners and recorders are often set up with SMBv1 so they can save to a shared folder; they should move them to SMB2/SMB3 or replace them.', ja: '設置した業者：古い複合機や録画機を共有フォルダーに保存させるため、SMBv1 を有効にして設置していることがあります。SMB2/SMB3 に切り替えるか、機器の交換を依頼します。' },
      manufacturer: { en: 'The manufacturer: if the device offers no way to turn SMBv1 off, only a firmware update can, or the device has reached its end of life.', ja: 'メーカー：SMBv1 を無効にする方法がない機器は、ファームウェアの更新でしか直せません。更新がなければ製品寿命と考えます。' },
      provider: { en: 'Your internet or IT provider: if they manage this NAS or computer, they must switch SMBv1 off.', ja: 'プロバイダーや IT サポート業者：その業者が管理している NAS やパソコンであれば、SMBv1 を無効にしてもらいます。' },
    },
    whenToAsk: {
      en: 'Ask for help when the settings have no minimum-version option, or an old printer, scanner or recorder stops saving files once SMBv1 is off.',
      ja: '設定に最小バージョンの項目がない場合や、SMBv1 を無効にすると古いプリンター・スキャナー・録画機がファイルを保存できなくなる場合は相談してください。',
    },
    askManufacturer: {
      en: [
        'Model and firmware version: [fill in]. A network check found that the device still accepts SMBv1. How can I switch SMBv1 off and keep file sharing on SMB2 or SMB3?',
        'If it cannot be switched off: is there a firmware update that removes SMBv1, and until when will this model receive security updates?',
      ],
      ja: [
        '型番とファームウェアのバージョン：［記入］。ネットワークの点検で、この機器がまだ SMBv1 を受け付けることがわかりました。SMBv1 を無効にし、SMB2 または SMB3 で共有を続ける方法を教えてください。',
        '無効にできない場合、SMBv1 を取り除くファームウェア更新はありますか。この機種のセキュリティ更新はいつまで提供されますか。',
      ],
    },
    askProvider: {
      en: [
        'The device you manage for us (model: [fill in]) still accepts SMBv1 file sharing. Please switch SMBv1 off, or tell me which of our devices still needs it.',
      ],
      ja: [
        '管理していただいている機器（型番：［記入］）が、まだ SMBv1 のファイル共有を受け付けています。SMBv1 を無効にしていただくか、どの機器がまだ必要としているかを教えてください。',
      ],
    },
  },
  ...SOFTWARE_AGE_GUIDANCE,
];

export function guidanceFor(family: FindingFamily): FamilyGuidance | null {
  return GUIDANCE.find((g) => g.family === family) ?? null;
}
