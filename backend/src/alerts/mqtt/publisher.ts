// Publishes each site's state and events to the owner's or installer's MQTT broker (off by default):
// retained state, devices and open findings by severity, an event for each new, fixed or reopened
// finding, and Home Assistant discovery (home-assistant.ts). QoS 1 through the on-disk outbox
// (outbox.ts): a message leaves it only when the broker acknowledged it. The `mqtt` package is
// loaded on first use, so a box that never publishes never loads it. Each connection is a fresh
// client without its own reconnect (this class reconnects), so only the outbox ever resends.
// Retained topics that no longer apply (a device gone from the inventory, discovery turned off, the
// site renamed) are cleared with an empty retained message, from the ledger of what was published
// (retained-ledger.ts), on every snapshot and (re)connection — so also after a restart.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { ChangeEvents, EventBus } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import type { ScanSummary, StoredDevice, StoredFinding } from '../../core/records.js';
import type { SiteIdentity } from '../../core/site.js';
import { SEVERITIES } from '../../core/types.js';
import type { Settings } from '../../storage/settings.js';
import { siteOf } from '../../storage/site.js';
import { discoveryMessages } from './home-assistant.js';
import { Outbox } from './outbox.js';
import { RetainedLedger } from './retained-ledger.js';
import {
  devicePayload, findingEventPayload, openOnly, severityListPayload, statePayload, topicsFor, type FindingEvent, type Topics,
} from './topics.js';

export interface PublisherSnapshot { devices: StoredDevice[]; findings: StoredFinding[]; scans: ScanSummary[] }

export interface MqttPublisherDeps {
  changes: EventBus<ChangeEvents>;
  settings: () => Settings;
  snapshot: () => PublisherSnapshot;
  /** The outbox file, in the data directory. */
  outboxFile: string;
  /** The ledger of retained topics held on the broker (default: mqtt-retained.json beside the outbox). */
  retainedFile?: string;
  version: string;
  log: Logger;
  /** Wait before connecting again after the broker went away (default 10 s). */
  reconnectMs?: number;
  connectTimeoutMs?: number;
  now?: () => Date;
}

type MqttSettings = Settings['integrations']['mqtt'];

/** What a connection and its announcements depend on: a change of any of these means a new connection and a fresh snapshot. */
function connectionKey(mqtt: MqttSettings, site: SiteIdentity): string {
  return JSON.stringify([mqtt, site]);
}

export class MqttPublisher {
  #client: MqttClient | null = null;
  /** Resolves when the current client's connection closes (one listener per client, not per message). */
  #clientClosed: Promise<'closed'> = Promise.resolve('closed');
  #key = '';
  #topics: Topics | null = null;
  #site: SiteIdentity | null = null;
  /** The discovery config topics the settings call for now (none with discovery off). */
  #discoveryTopics: string[] = [];
  #draining = false;
  #retry: NodeJS.Timeout | null = null;
  #stopped = false;
  #lastOpen = new Map<string, StoredFinding>();
  #drainWaiters: Array<() => void> = [];
  #connects = 0;

  private constructor(private readonly deps: MqttPublisherDeps, private readonly outbox: Outbox, private readonly ledger: RetainedLedger) {
    deps.changes.on('device:new', ({ device }) => this.#ifOn((topics, site) => {
      this.#send(topics.deviceEvent, { site, event: 'new', at: this.#now().toISOString(), device: devicePayload(site, device, []) }, false);
      this.#send(topics.device(device.id), devicePayload(site, device, this.deps.snapshot().findings), true);
    }));
    deps.changes.on('finding:new', ({ scanId, finding }) => this.#findingEvent('new', finding, scanId));
    deps.changes.on('finding:reopened', ({ scanId, finding }) => this.#findingEvent('reopened', finding, scanId));
    deps.changes.on('scan:done', (scan) => this.#ifOn((topics, site) => {
      const { findings } = this.deps.snapshot();
      const byKey = new Map(findings.map((f) => [f.key, f]));
      for (const [key, before] of this.#lastOpen) {
        const now = byKey.get(key);
        if (now?.status === 'resolved') this.#findingEvent('fixed', now, scan.id);
        else if (!now) this.#findingEvent('fixed', { ...before, status: 'resolved' }, scan.id);
      }
      this.#send(topics.scanEvent, { site, event: 'scan-finished', scan: { id: scan.id, status: scan.status, startedAt: scan.startedAt, finishedAt: scan.finishedAt, stats: scan.stats, error: scan.error } }, false);
      this.publishSnapshot();
    }));
  }

  static async create(deps: MqttPublisherDeps): Promise<MqttPublisher> {
    const { outbox, unreadable } = await Outbox.open(deps.outboxFile);
    if (unreadable) deps.log.warn(`the MQTT outbox ${deps.outboxFile} was unreadable: messages it held are lost; starting empty`);
    const retainedFile = deps.retainedFile ?? join(dirname(deps.outboxFile), 'mqtt-retained.json');
    const opened = await RetainedLedger.open(retainedFile);
    if (opened.unreadable) deps.log.warn(`the MQTT retained-topic ledger ${retainedFile} was unreadable: topics published before may stay on the broker`);
    return new MqttPublisher(deps, outbox, opened.ledger);
  }

  /** Messages waiting for the broker's acknowledgement. */
  get pending(): number { return this.outbox.size; }
  get connected(): boolean { return this.#client?.connected === true; }
  /** Successful connections since start (tests: a reconnection happened). */
  get connections(): number { return this.#connects; }

  /** Applies the settings now (at start and after every change): connects, reconnects or disconnects. */
  apply(): void {
    const settings = this.deps.settings();
    const mqtt = settings.integrations.mqtt;
    const site = siteOf(settings);
    const key = connectionKey(mqtt, site);
    if (key === this.#key || this.#stopped) return;
    this.#key = key;
    this.#disconnect();
    const on = mqtt.enabled && mqtt.url !== null;
    this.#site = on ? site : null;
    this.#topics = on ? topicsFor(mqtt.baseTopic, site) : null;
    if (!on) return;
    const forgotten = this.ledger.useBroker(mqtt.url!);
    if (forgotten > 0) this.deps.log.info(`MQTT: another broker; the ${forgotten} retained topic(s) left on the previous one are not cleared`);
    this.#lastOpen = new Map(openOnly(this.deps.snapshot().findings).map((f) => [f.key, f]));
    const discovery = mqtt.homeAssistant ? discoveryMessages(mqtt.discoveryPrefix, site, this.#topics!, this.deps.version) : [];
    this.#discoveryTopics = discovery.map((message) => message.topic);
    for (const message of discovery) this.#send(message.topic, message.config, true);
    this.publishSnapshot();
    void this.#connect();
  }

  /** Queues the retained picture of the site: state, every device, the open findings by severity. */
  publishSnapshot(): void {
    this.#ifOn((topics, site) => {
      const { devices, findings, scans } = this.deps.snapshot();
      const lastScan = scans.find((s) => s.status !== 'running');
      this.#send(topics.state, statePayload(site, devices, findings, lastScan, this.#now()), true);
      for (const device of devices) this.#send(topics.device(device.id), devicePayload(site, device, findings), true);
      for (const severity of SEVERITIES) this.#send(topics.findings(severity), severityListPayload(site, severity, findings), true);
      this.#lastOpen = new Map(openOnly(findings).map((f) => [f.key, f]));
      this.#clearOrphans(topics, devices);
    });
  }

  /** Resolves when the outbox is empty (everything acknowledged). */
  whenDelivered(): Promise<void> {
    if (this.outbox.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const client = this.#client;
    this.#disconnect();
    if (client) await client.endAsync(true).catch(() => undefined);
    await this.outbox.flush();
    await this.ledger.flush();
  }

  #now(): Date { return (this.deps.now ?? (() => new Date()))(); }

  #ifOn(work: (topics: Topics, site: SiteIdentity) => void): void {
    if (!this.#topics || !this.#site) return;
    work(this.#topics, this.#site);
    void this.#drain();
  }

  #findingEvent(event: FindingEvent, finding: StoredFinding, scanId: string | null): void {
    this.#ifOn((topics, site) => this.#send(topics.findingEvent(event), findingEventPayload(site, event, finding, scanId, this.#now()), false));
  }

  #send(topic: string, payload: unknown, retain: boolean): void {
    this.#queue(topic, JSON.stringify(payload), retain);
  }

  #queue(topic: string, payload: string, retain: boolean): void {
    if (retain && payload !== '') this.ledger.add(topic);
    this.outbox.add(topic, payload, retain);
  }

  /**
   * Queues an empty retained message (MQTT's way to delete one; Home Assistant removes a discovered
   * entity on it) for every topic in the ledger the inventory and settings no longer call for.
   */
  #clearOrphans(topics: Topics, devices: readonly StoredDevice[]): void {
    const wanted = new Set([topics.status, topics.state, ...SEVERITIES.map((s) => topics.findings(s)), ...devices.map((d) => topics.device(d.id)), ...this.#discoveryTopics]);
    for (const topic of this.ledger.topics()) if (!wanted.has(topic)) this.outbox.add(topic, '', true);
  }

  #disconnect(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    const client = this.#client;
    this.#client = null;
    if (client) { client.removeAllListeners(); client.on('error', () => undefined); client.end(true); }
  }

  async #connect(): Promise<void> {
    const key = this.#key;
    const mqtt = this.deps.settings().integrations.mqtt;
    if (!mqtt.url || !this.#topics || this.#stopped) return;
    const { connect } = await import('mqtt');
    if (key !== this.#key || this.#stopped) return;
    const client = connect(mqtt.url, {
      protocolVersion: 4, clean: true, reconnectPeriod: 0, connectTimeout: this.deps.connectTimeoutMs ?? 10_000, keepalive: 60,
      clientId: `mamori-${this.#site!.id}-${randomBytes(4).toString('hex')}`,
      ...(mqtt.username ? { username: mqtt.username } : {}), ...(mqtt.password ? { password: mqtt.password } : {}),
      ...(mqtt.caCertificate ? { ca: mqtt.caCertificate } : {}), rejectUnauthorized: true,
      will: { topic: this.#topics.status, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.#client = client;
    this.#clientClosed = new Promise((resolve) => client.once('close', () => resolve('closed')));
    client.on('connect', () => {
      this.#connects += 1;
      this.deps.log.info(`MQTT: connected to ${safeUrl(mqtt.url!)}; ${this.outbox.size} message(s) waiting`);
      this.#queue(this.#topics!.status, 'online', true);
      // What changed while the box was away from the broker (or off) leaves no ghost behind.
      this.#clearOrphans(this.#topics!, this.deps.snapshot().devices);
      void this.#drain();
    });
    client.on('error', (error) => this.deps.log.warn(`MQTT: ${safeUrl(mqtt.url!)}: ${error.message}`));
    client.on('close', () => {
      if (this.#client !== client) return;
      this.#client = null;
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end(true);
      if (this.#stopped || key !== this.#key) return;
      this.#retry = setTimeout(() => { this.#retry = null; void this.#connect(); }, this.deps.reconnectMs ?? 10_000);
    });
  }

  /** Sends the outbox in order, one message at a time, each removed only on its PUBACK. */
  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (let message = this.outbox.peek(); message; message = this.outbox.peek()) {
        const client = this.#client;
        if (!client?.connected) return;
        const outcome = await Promise.race([client.publishAsync(message.topic, message.payload, { qos: 1, retain: message.retain }).then(() => 'acked' as const), this.#clientClosed])
          .catch(() => 'failed' as const);
        if (outcome !== 'acked') return;
        // An acknowledged clear that nothing newer replaced: the topic holds nothing of Mamori's any more.
        if (this.outbox.acknowledged(message.id) && message.retain && message.payload === '') this.ledger.cleared(message.topic);
      }
      for (const resolve of this.#drainWaiters.splice(0)) resolve();
    } finally {
      this.#draining = false;
    }
  }
}

/** The broker's address without credentials or path (for logs). */
function safeUrl(url: string): string {
  try { const u = new URL(url); return `${u.protocol}//${u.host}`; } catch { return 'the broker'; }
}
