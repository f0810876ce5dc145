// Smart plugs and switches built on Espressif chips (ESP8266/ESP32), recognised by their IEEE name
// (Espressif, or Shelly's own block). What to do depends on the firmware: Tasmota, ESPHome, Shelly.
import type { VendorGuide } from '../types.js';

const SUPPORT = { en: 'https://tasmota.github.io/docs/', ja: 'https://tasmota.github.io/docs/' };

export const espressifPlugs: VendorGuide = {
  id: 'espressif-plugs',
  name: { en: 'Espressif-based plugs (Tasmota, ESPHome, Shelly)', ja: 'Espressif 製チップのスマートプラグ（Tasmota・ESPHome・Shelly）' },
  ieeeVendor: /^(Espressif\b|Shelly Europe\b)/i,
  supportUrl: SUPPORT,
  fixes: [
    {
      family: 'default-credentials',
      services: ['http'],
      source: 'menu-path',
      menuPath: { en: 'Tasmota: Configuration > Configure Other · Shelly (Gen1): Internet & Security > Restrict Login', ja: 'Tasmota：Configuration > Configure Other・Shelly（第 1 世代）：Internet & Security > Restrict Login' },
      steps: {
        en: [
          'Open the plug\'s IP address in a browser. The page title tells you the firmware (Tasmota, ESPHome or Shelly).',
          'Tasmota: Configuration > Configure Other, set a "Web Admin Password" and save (the plug restarts).',
          'Shelly (Gen1): Internet & Security > Restrict Login, tick "Restrict the web interface", set a user name and password and save. Shelly Plus/Pro: see https://kb.shelly.cloud/ for the authentication setting of your model.',
          'ESPHome: in the device YAML, add a user name and password under web_server: auth:, add an api: encryption: key and an ota: password, then install the new build.',
        ],
        ja: [
          'ブラウザーでプラグの IP アドレスを開きます。画面のタイトルでファームウェアの種類（Tasmota・ESPHome・Shelly）がわかります。',
          'Tasmota：「Configuration > Configure Other」で「Web Admin Password」を設定して保存します（プラグが再起動します）。',
          'Shelly（第 1 世代）：「Internet & Security > Restrict Login」で Web 画面の制限にチェックを入れ、ユーザー名とパスワードを設定して保存します。Shelly Plus/Pro は https://kb.shelly.cloud/ で機種ごとの認証設定を確認してください。',
          'ESPHome：機器の YAML で web_server: の auth: にユーザー名とパスワードを、api: に encryption: の key を、ota: に password を追加し、書き込み直します。',
        ],
      },
    },
    {
      family: 'anonymous-access',
      services: ['http'],
      source: 'menu-path',
      menuPath: { en: 'Tasmota: Configuration > Configure Other · Shelly (Gen1): Internet & Security > Restrict Login', ja: 'Tasmota：Configuration > Configure Other・Shelly（第 1 世代）：Internet & Security > Restrict Login' },
      steps: {
        en: [
          'These plugs ship with an open web page: anyone on the network can switch them or change Wi-Fi and MQTT settings.',
          'Tasmota: Configuration > Configure Other > "Web Admin Password". Shelly (Gen1): Internet & Security > Restrict Login. ESPHome: web_server: auth: in the YAML (or remove web_server: if you use Home Assistant only).',
          'Save, then reload the page to confirm it asks for the password.',
        ],
        ja: [
          'これらのプラグは、Web 画面が誰でも開ける状態で出荷されます。ネットワーク上の誰でもオン・オフや Wi-Fi・MQTT の設定変更ができてしまいます。',
          'Tasmota：「Configuration > Configure Other」の「Web Admin Password」。Shelly（第 1 世代）：「Internet & Security > Restrict Login」。ESPHome：YAML の web_server: に auth: を追加（Home Assistant だけで使うなら web_server: 自体を削除）。',
          '保存したら画面を再読み込みし、パスワードを求められることを確認します。',
        ],
      },
    },
    {
      family: 'default-credentials',
      services: ['mqtt'],
      source: 'menu-path',
      menuPath: { en: 'Tasmota: Configuration > Configure MQTT', ja: 'Tasmota：Configuration > Configure MQTT' },
      steps: {
        en: [
          'First change the password on the MQTT broker (see the generic steps), then enter the new user name and password in each plug.',
          'Tasmota: Configuration > Configure MQTT, fill in User and Password and save. Shelly (Gen1): Internet & Security > Advanced - Developer Settings. ESPHome: mqtt: username/password in the YAML.',
        ],
        ja: [
          'まず MQTT ブローカー側のパスワードを変更し（一般的な手順を参照）、各プラグに新しいユーザー名とパスワードを設定します。',
          'Tasmota：「Configuration > Configure MQTT」で User と Password を入力して保存。Shelly（第 1 世代）：「Internet & Security > Advanced - Developer Settings」。ESPHome：YAML の mqtt: に username と password を設定。',
        ],
      },
    },
    {
      family: 'cleartext-service',
      services: ['http', 'mqtt'],
      source: 'menu-path',
      menuPath: { en: 'Tasmota: Configuration > Configure Other', ja: 'Tasmota：Configuration > Configure Other' },
      steps: {
        en: [
          'Most of these plugs cannot encrypt their web page or MQTT; protect them instead: set the web password (Tasmota: Configuration > Configure Other) and an MQTT password.',
          'Put the plugs on a separate network (a guest or IoT Wi-Fi) that cannot reach your computers and phones.',
          'ESPHome users: use the encrypted native API (api: encryption:) instead of the web server and plain MQTT.',
        ],
        ja: [
          'これらのプラグの多くは、Web 画面や MQTT を暗号化できません。代わりに Web のパスワード（Tasmota：「Configuration > Configure Other」）と MQTT のパスワードを設定して守ります。',
          'プラグは、パソコンやスマートフォンに届かない別のネットワーク（ゲスト用や IoT 用の Wi-Fi）に置きます。',
          'ESPHome の場合は、Web サーバーや暗号化なしの MQTT ではなく、暗号化されたネイティブ API（api: encryption:）を使います。',
        ],
      },
    },
  ],
};
