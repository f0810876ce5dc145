// The owner's settings (settings.json): one zod schema gives validation, defaults, the JSON
// description the settings page is drawn from, and which fields are secrets (write-only: never
// returned by the API, never logged).
import { z } from 'zod';
import { DEVICE_ID_PATTERN } from '../core/device-id.js';
import { DEFAULT_SITE_ID, SITE_ID_PATTERN } from '../core/site.js';
import { parseCidr } from '../scope/cidr.js';
import { CronError, parseCron } from '../core/cron.js';
import { JsonStore } from './json-file.js';
import { jpegProblem, pngProblem } from './logo-image.js';

export const SETTINGS_SCHEMA_VERSION = 1;

/** Description in English and Japanese, carried into the JSON Schema the settings page reads. */
const text = (en: string, ja: string) => ({ description: en, descriptionJa: ja });
const secret = (en: string, ja: string) =>
  z.string().min(1).max(512).nullable().default(null).meta({ ...text(en, ja), writeOnly: true });

const Cidr = z.string().max(64).refine((value) => {
  try { parseCidr(value); return true; } catch { return false; }
}, { message: 'not an address range such as 192.168.1.0/24' });
const HttpUrl = z.string().max(2048).refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), { message: 'an http:// or https:// address is needed' });
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 22:00');
const CronText = z.string().max(120).superRefine((value, ctx) => {
  try { parseCron(value); } catch (error) { ctx.addIssue({ code: 'custom', message: error instanceof CronError ? error.message : 'invalid cron expression' }); }
});

const Target = z.object({
  cidr: Cidr.meta(text('Address range to scan', 'スキャンするアドレス範囲')),
  consent: z.boolean().default(false).meta(text('I own this network or may scan it', 'このネットワークの所有者である、またはスキャンを許可されている')),
}).strict();

const Schedule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('interval'),
    enabled: z.boolean().default(true).meta(text('Schedule active', 'スケジュールを有効にする')),
    everyMinutes: z.number().int().min(15).max(10_080).default(360).meta(text('Minutes between scans', 'スキャンの間隔（分）')),
  }).strict(),
  z.object({
    kind: z.literal('cron'),
    enabled: z.boolean().default(true).meta(text('Schedule active', 'スケジュールを有効にする')),
    cron: CronText.meta(text('Cron expression: minute hour day month weekday', 'cron 式：分 時 日 月 曜日')),
  }).strict(),
]);

const Webhook = z.object({
  enabled: z.boolean().default(false).meta(text('Send alerts to a webhook', 'Webhook に通知する')),
  url: HttpUrl.nullable().default(null).meta(text('Address the JSON is posted to', 'JSON を送信する URL')),
  token: secret('Bearer token sent with each request', 'リクエストに付けるベアラートークン'),
}).strict();

const Ntfy = z.object({
  enabled: z.boolean().default(false).meta(text('Send alerts to ntfy', 'ntfy に通知する')),
  url: HttpUrl.nullable().default(null).meta(text('Topic address, e.g. https://ntfy.sh/my-home', 'トピックの URL（例：https://ntfy.sh/my-home）')),
  token: secret('Access token of the topic', 'トピックのアクセストークン'),
}).strict();

const Email = z.object({
  enabled: z.boolean().default(false).meta(text('Send alerts by e-mail', 'メールで通知する')),
  host: z.string().min(1).max(255).nullable().default(null).meta(text('SMTP server', 'SMTP サーバー')),
  port: z.number().int().min(1).max(65_535).default(587).meta(text('SMTP port', 'SMTP ポート')),
  security: z.enum(['starttls', 'tls', 'none']).default('starttls').meta(text('Encryption of the connection', '接続の暗号化')),
  user: z.string().min(1).max(255).nullable().default(null).meta(text('SMTP user name', 'SMTP ユーザー名')),
  password: secret('SMTP password', 'SMTP パスワード'),
  from: z.email().max(255).nullable().default(null).meta(text('Sender address', '差出人アドレス')),
  to: z.array(z.email().max(255)).max(10).default([]).meta(text('Recipients', '宛先')),
}).strict();

/** The logo shown on the handover report: a PNG or JPEG data: URL, its bytes checked, not its label. */
export const MAX_LOGO_BYTES = 256 * 1024;
const LOGO_MAGIC: Record<string, number[]> = { png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], jpeg: [0xff, 0xd8, 0xff] };
export function logoProblem(value: string): string | null {
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/.exec(value);
  if (!match) return 'a data: URL of a PNG or JPEG image (data:image/png;base64,…)';
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length > MAX_LOGO_BYTES) return `the image is larger than ${MAX_LOGO_BYTES / 1024} KB`;
  if (!LOGO_MAGIC[match[1]!]!.every((byte, i) => bytes[i] === byte)) return `the data is not a ${match[1]!.toUpperCase()} image`;
  // Decoded, not only sniffed: a file that merely starts like an image would break every PDF.
  const problem = match[1] === 'png' ? pngProblem(bytes) : jpegProblem(bytes);
  return problem ? `the data is not a usable ${match[1]!.toUpperCase()} image: ${problem}` : null;
}
const Logo = z.string().max(Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 32).superRefine((value, ctx) => {
  const problem = logoProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const ReportText = z.string().trim().min(1).max(200).regex(/^\P{Cc}*$/u, 'no control characters').nullable().default(null);

/** A ping after every completed scan (Uptime Kuma push, Healthchecks.io): if the pings stop, the owner's monitor says so. */
const Heartbeat = z.object({
  enabled: z.boolean().default(false).meta(text(
    'Ping a monitoring address after every completed scan (Uptime Kuma push, Healthchecks.io): when the pings stop, your monitor tells you',
    'スキャンが完了するたびに監視サービスの URL にアクセスする（Uptime Kuma のプッシュ、Healthchecks.io など）。アクセスが途絶えると監視サービスが知らせてくれます')),
  url: HttpUrl.nullable().default(null).meta({ ...text('Monitoring address (kept secret: it works as a password)', '監視サービスの URL（パスワードと同じく秘密にします）'), writeOnly: true }),
}).strict();

/** An MQTT broker's address: mqtt:// or mqtts:// (TLS), host and port only (the user name and password have their own fields). */
const MqttUrl = z.string().max(2048).refine((value) => {
  if (!/^mqtts?:\/\//.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.hostname !== '' && url.username === '' && url.password === '' && (url.pathname === '' || url.pathname === '/');
}, { message: 'an address such as mqtts://broker.example:8883 (no user name or path in it)' });
const TopicPath = z.string().max(100).regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'topic levels of letters, digits, "-" and "_", separated by "/"');

/** Publishing state and events to the owner's or installer's MQTT broker (alerts/mqtt/), with Home Assistant discovery. */
const Mqtt = z.object({
  enabled: z.boolean().default(false).meta(text('Publish to an MQTT broker (Home Assistant, an installer\'s central broker)', 'MQTT ブローカーに送信する（Home Assistant や施工会社の集約ブローカー）')),
  url: MqttUrl.nullable().default(null).meta(text('Broker address: mqtts://host:8883 (TLS) or mqtt://host:1883', 'ブローカーのアドレス：mqtts://ホスト:8883（TLS）または mqtt://ホスト:1883')),
  username: z.string().min(1).max(255).nullable().default(null).meta(text('User name at the broker', 'ブローカーのユーザー名')),
  password: secret('Password at the broker', 'ブローカーのパスワード'),
  caCertificate: z.string().max(16_384).regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, 'a PEM certificate').nullable().default(null)
    .meta(text('CA certificate (PEM) of a broker with its own certificate authority; empty: the system\'s', '独自の認証局を使うブローカーの CA 証明書（PEM）。空ならシステムの証明書')),
  baseTopic: TopicPath.default('mamori').meta(text('Base topic: messages go to <base>/<site id>/…', 'ベーストピック：<ベース>/<サイト ID>/… に送信')),
  homeAssistant: z.boolean().default(true).meta(text('Announce sensors to Home Assistant (MQTT discovery)', 'Home Assistant にセンサーを自動登録する（MQTT ディスカバリー）')),
  discoveryPrefix: TopicPath.default('homeassistant').meta(text('Home Assistant discovery prefix', 'Home Assistant のディスカバリー接頭辞')),
}).strict();

function neededWhenEnabled<T extends { enabled: boolean }>(what: string, ok: (channel: T) => boolean) {
  return (channel: T, ctx: z.RefinementCtx): void => {
    if (channel.enabled && !ok(channel)) ctx.addIssue({ code: 'custom', message: `${what} is needed when the channel is enabled` });
  };
}

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION).default(SETTINGS_SCHEMA_VERSION).meta(text('Version of the settings format', '設定形式のバージョン')),
  targets: z.array(Target).max(16).default([]).meta(text(
    'Networks to scan; empty means the configured or automatic ones. Only ranges with consent are scanned.',
    'スキャンするネットワーク。空なら設定ファイルまたは自動検出の範囲。許可したものだけをスキャンします。')),
  loginChecks: z.boolean().nullable().default(null).meta(text(
    'Consent to try factory passwords on devices (empty: as configured at start)',
    '機器で初期パスワードを試すことへの同意（空なら起動時の設定どおり）')),
  loginCheckOptOut: z.array(z.string().max(260).regex(DEVICE_ID_PATTERN, 'a device id such as mac-a41437770011 or name-pixel-7.local')).max(1024).default([])
    .meta(text('Devices never sent a login attempt', 'ログイン確認を行わない機器')),
  schedule: z.object({
    entries: z.array(Schedule).max(8).default([]).meta(text('When scans run by themselves', '自動スキャンの実行タイミング')),
    timeZone: z.enum(['local', 'utc']).default('local').meta(text('Clock the schedule and quiet hours follow', 'スケジュールと静音時間の基準時刻')),
    quietHours: z.object({
      enabled: z.boolean().default(false).meta(text('No scheduled scan starts in quiet hours', '静音時間中は自動スキャンを開始しない')),
      start: Time.default('22:00').meta(text('Quiet hours begin', '静音時間の開始')),
      end: Time.default('07:00').meta(text('Quiet hours end', '静音時間の終了')),
    }).strict().prefault({}),
  }).strict().prefault({}),
  notifications: z.object({
    language: z.enum(['en', 'ja']).default('en').meta(text('Language of alerts', '通知の言語')),
    events: z.object({
      newDevice: z.boolean().default(true).meta(text('A device joins the network', '新しい機器の接続')),
      newFinding: z.boolean().default(true).meta(text('A new weakness is found', '新しい問題の検出')),
      returningWeakness: z.boolean().default(true).meta(text('A fixed weakness is back', '解決済みの問題の再発')),
      scanProblems: z.boolean().default(true).meta(text(
        'A scan fails, or a scheduled scan does not run (the box may have stopped guarding)',
        'スキャンの失敗や、予定したスキャンが実行されないとき（見守りが止まっているおそれ）')),
    }).strict().prefault({}),
    minutesBetweenRepeats: z.number().int().min(1).max(10_080).default(60).meta(text('Same alert at most once in this many minutes', '同じ通知の最短間隔（分）')),
    maxPerHour: z.number().int().min(1).max(100).default(10).meta(text('At most this many alert messages an hour', '1 時間あたりの通知の上限')),
    webhook: Webhook.superRefine(neededWhenEnabled('url', (c) => c.url !== null)).prefault({}),
    ntfy: Ntfy.superRefine(neededWhenEnabled('url', (c) => c.url !== null)).prefault({}),
    email: Email.superRefine(neededWhenEnabled('host, from and to', (c) => c.host !== null && c.from !== null && c.to.length > 0)).prefault({}),
    heartbeat: Heartbeat.superRefine(neededWhenEnabled('url', (c) => c.url !== null)).prefault({}),
  }).strict().prefault({}),
  site: z.object({
    id: z.string().regex(SITE_ID_PATTERN, 'lower-case letters, digits, "-" or "_" (e.g. ueno-shop), at most 48').default(DEFAULT_SITE_ID).meta(text(
      'Site id: names this installation in MQTT topics, metrics, alerts and the scan JSON (unique per broker, e.g. ueno-shop)',
      'サイト ID：MQTT のトピック、メトリクス、通知、スキャン結果でこの設置場所を表す名前（ブローカーごとに重ならないもの。例：ueno-shop）')),
    name: ReportText.meta(text('Site name people read (empty: the report\'s site name)', '設置場所の表示名（空なら報告書の設置場所名）')),
  }).strict().prefault({}),
  integrations: z.object({
    mqtt: Mqtt.superRefine(neededWhenEnabled('url', (c) => c.url !== null)).prefault({}),
  }).strict().prefault({}),
  report: z.object({
    siteName: ReportText.meta(text('Site name on the handover report (e.g. the shop or home)', '引き渡し報告書の設置場所名（店舗名・住まいなど）')),
    customerName: ReportText.meta(text('Customer name on the handover report', '引き渡し報告書のお客様名')),
    installerName: ReportText.meta(text('Installer (person) on the handover report', '引き渡し報告書の担当者名')),
    installerCompany: ReportText.meta(text('Installer company on the handover report', '引き渡し報告書の施工会社名')),
    logo: Logo.nullable().default(null).meta(text('Logo on the report: a PNG or JPEG data: URL, at most 256 KB', '報告書のロゴ：PNG または JPEG の data: URL（256 KB まで）')),
  }).strict().prefault({}),
  retention: z.object({
    keepScans: z.number().int().min(1).max(10_000).default(200).meta(text('Scans kept in the history', '履歴に残すスキャンの数')),
    scanDays: z.number().int().min(1).max(3650).default(365).meta(text('Scans older than this many days are removed', 'この日数より古いスキャンを削除')),
  }).strict().prefault({}),
}).strict();

export type Settings = z.infer<typeof SettingsSchema>;
export type Channel = 'webhook' | 'ntfy' | 'email';
export const CHANNELS: readonly Channel[] = ['webhook', 'ntfy', 'email'];

/** Write-only fields: set through PUT, never read back. */
export const SECRET_PATHS = [
  ['notifications', 'webhook', 'token'], ['notifications', 'ntfy', 'token'], ['notifications', 'email', 'password'], ['notifications', 'heartbeat', 'url'],
  ['integrations', 'mqtt', 'password'],
] as const;

/**
 * Where each secret is sent. When any of these changes, a stored secret is not carried over to the
 * new place: it is cleared unless the same request gives it again (a session must not redirect the
 * owner's SMTP password or webhook token to a server of its choosing). For e-mail the connection's
 * encryption counts too: switching to "none" would send the password in clear.
 */
const SECRET_DESTINATION: Record<string, readonly string[]> = {
  webhook: ['url'], ntfy: ['url'], email: ['host', 'port', 'security', 'user'], heartbeat: [], mqtt: ['url', 'username'],
};

export type SettingsView = { settings: unknown; secretsSet: string[] };
export type UpdateResult = { ok: true; view: SettingsView } | { ok: false; error: string };

export function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`).join('; ');
}

/** A field as given in a request against the stored value (a left-out port means its default, compared by zod later). */
function sameValue(given: unknown, stored: unknown): boolean {
  return JSON.stringify(given ?? null) === JSON.stringify(stored ?? null);
}

export class SettingsStore {
  readonly #listeners = new Set<(settings: Settings) => void>();

  private constructor(private readonly file: JsonStore<Settings>) {}

  static async open(path: string): Promise<SettingsStore> {
    const file = await JsonStore.open<Settings>(path, SettingsSchema.parse({}), 0);
    // A logo an older version let through (right magic bytes, not an image) is dropped, not a box that cannot start.
    const logo = (file.data as { report?: { logo?: unknown } }).report?.logo;
    if (typeof logo === 'string' && logoProblem(logo) !== null) file.data.report.logo = null;
    const parsed = SettingsSchema.safeParse(file.data);
    if (!parsed.success) throw new Error(`${path} is not valid: ${describeIssues(parsed.error)}`);
    await file.updateNow((data) => { Object.assign(data, parsed.data); });
    return new SettingsStore(file);
  }

  /** The settings with secrets: for the appliance itself, never for a response or a log. */
  get current(): Settings { return this.file.data; }

  onChange(listener: (settings: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  view(): SettingsView {
    const settings = structuredClone(this.file.data) as unknown as Record<string, Record<string, Record<string, unknown>>>;
    const secretsSet: string[] = [];
    for (const [a, b, c] of SECRET_PATHS) {
      if (settings[a]![b]![c] !== null) secretsSet.push(`${a}.${b}.${c}`);
      delete settings[a]![b]![c];
    }
    return { settings, secretsSet };
  }

  /**
   * Replaces the top-level sections present in `input`; sections left out stay as they are. A secret
   * left out of a given section keeps its stored value; null clears it.
   */
  async update(input: unknown): Promise<UpdateResult> {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, error: 'expected a JSON object' };
    const merged: Record<string, unknown> = { ...structuredClone(this.file.data), ...structuredClone(input as Record<string, unknown>) };
    for (const [a, b, c] of SECRET_PATHS) {
      const channel = (merged[a] as Record<string, Record<string, unknown> | undefined> | undefined)?.[b];
      const storedChannel = (this.file.data[a] as unknown as Record<string, Record<string, unknown>>)[b]!;
      if (!channel || typeof channel !== 'object' || c in channel) continue;
      const moved = SECRET_DESTINATION[b]!.some((field) => field in channel && !sameValue(channel[field], storedChannel[field]));
      channel[c] = moved ? null : storedChannel[c];
    }
    const parsed = SettingsSchema.safeParse(merged);
    if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
    await this.file.updateNow((data) => { Object.assign(data, parsed.data); });
    for (const listener of this.#listeners) listener(this.file.data);
    return { ok: true, view: this.view() };
  }

  flush(): Promise<void> { return this.file.flush(); }
}

export interface SchemaField {
  path: string;
  type: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  writeOnly?: boolean;
  description: { en: string; ja: string };
}

type JsonSchemaNode = {
  type?: string | string[]; properties?: Record<string, JsonSchemaNode>; default?: unknown; enum?: unknown[];
  minimum?: number; maximum?: number; writeOnly?: boolean; description?: string; descriptionJa?: string; anyOf?: JsonSchemaNode[];
};

/** The JSON Schema of the settings plus a flat list of fields with their en/ja descriptions. */
export function settingsSchemaDescription(): { schemaVersion: number; jsonSchema: unknown; fields: SchemaField[] } {
  const jsonSchema = z.toJSONSchema(SettingsSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const fields: SchemaField[] = [];
  const walk = (node: JsonSchemaNode, path: string[]): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const here = [...path, key];
      if (child.properties) { walk(child, here); continue; }
      const types = child.anyOf ? child.anyOf.flatMap((t) => t.type ?? []) : Array.isArray(child.type) ? child.type : [child.type ?? 'object'];
      fields.push({
        path: here.join('.'), type: types.join('|'), default: child.default,
        ...(child.enum ? { enum: child.enum } : {}),
        ...(child.minimum !== undefined && child.minimum > Number.MIN_SAFE_INTEGER ? { minimum: child.minimum } : {}),
        ...(child.maximum !== undefined && child.maximum < Number.MAX_SAFE_INTEGER ? { maximum: child.maximum } : {}),
        ...(child.writeOnly ? { writeOnly: true } : {}),
        description: { en: child.description ?? '', ja: child.descriptionJa ?? '' },
      });
    }
  };
  walk(jsonSchema, []);
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, jsonSchema, fields };
}
