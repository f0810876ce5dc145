// Alerts: collects what a scan changed (new device, new weakness, a fixed weakness back again),
// drops what the limiter holds back, and sends one message per scan to every enabled channel.
import type { Logger } from '../core/logger.js';
import { DEFAULT_SITE_ID, type SiteIdentity } from '../core/site.js';
import type { EventBus } from '../core/events.js';
import type { ChangeEvents } from '../core/events.js';
import { CHANNELS, type Channel, type Settings } from '../storage/settings.js';
import { DeliveryError, SENDERS } from './channels.js';
import { boxMessage, type BoxEvent } from './box-message.js';
import { AlertRateLimit } from './rate-limit.js';
import { changesMessage, deviceItem, findingItem, testMessage, type AlertItem, type AlertMessage } from './message.js';

export interface AlertServiceDeps {
  changes: EventBus<ChangeEvents>;
  settings: () => Settings;
  log: Logger;
  /** The site every message names (title and JSON), so an installer's inbox tells the homes apart. */
  site?: () => SiteIdentity;
  now?: () => Date;
}

export type DeliveryResult = { channel: Channel; ok: true } | { channel: Channel; ok: false; error: string };

/** Items kept per scan before the message is sent: a first scan of a big network stays one message. */
const MAX_ITEMS = 500;

export class AlertService {
  readonly #pending = new Map<string, AlertItem[]>();
  readonly #limiter: AlertRateLimit;
  readonly #now: () => Date;
  #inFlight = new Set<Promise<unknown>>();
  /** The outcome of the last message, per channel (for the dashboard and tests). */
  readonly lastResults: DeliveryResult[] = [];

  constructor(private readonly deps: AlertServiceDeps) {
    this.#now = deps.now ?? (() => new Date());
    this.#limiter = new AlertRateLimit(() => {
      const n = deps.settings().notifications;
      return { perKeyMs: n.minutesBetweenRepeats * 60_000, maxPerHour: n.maxPerHour };
    }, () => this.#now().getTime());
    const language = () => deps.settings().notifications.language;
    const events = () => deps.settings().notifications.events;
    deps.changes.on('device:new', ({ scanId, device }) => {
      if (events().newDevice) this.#collect(scanId, `device:new:${device.id}`, deviceItem(device));
    });
    deps.changes.on('finding:new', ({ scanId, finding }) => {
      if (events().newFinding) this.#collect(scanId, `finding:new:${finding.key}`, findingItem('new-finding', finding, language()));
    });
    deps.changes.on('finding:reopened', ({ scanId, finding }) => {
      if (events().returningWeakness) this.#collect(scanId, `finding:reopened:${finding.key}`, findingItem('returning-weakness', finding, language()));
    });
    deps.changes.on('scan:done', (scan) => { this.#track(this.#flush(scan.id)); });
  }

  /** Sends a test message on one channel with the saved settings, enabled or not. */
  async sendTest(channel: Channel): Promise<DeliveryResult> {
    const settings = this.deps.settings().notifications;
    return this.#deliver(channel, settings, testMessage(settings.language, this.#now()));
  }

  /**
   * An alert about the box itself (sign-in paused, a scan failed or is overdue) to every enabled
   * channel; the same kind at most once per repeat period, within the hourly cap.
   */
  notifyBox(event: BoxEvent): void {
    const notifications = this.deps.settings().notifications;
    const enabled = CHANNELS.filter((channel) => notifications[channel].enabled);
    if (enabled.length === 0 || !this.#limiter.allowKey(`box:${event.kind}`) || !this.#limiter.allowMessage()) return;
    const message = boxMessage(event, notifications.language, this.#now());
    this.#track(Promise.all(enabled.map((channel) => this.#deliver(channel, notifications, message))).then((results) => {
      this.lastResults.splice(0, this.lastResults.length, ...results);
    }));
  }

  /** Resolves when every message under way has been delivered or has failed. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #collect(scanId: string, key: string, item: AlertItem): void {
    if (!this.#limiter.allowKey(key)) return;
    const items = this.#pending.get(scanId) ?? [];
    if (items.length < MAX_ITEMS) items.push(item);
    this.#pending.set(scanId, items);
  }

  async #flush(scanId: string): Promise<void> {
    const items = this.#pending.get(scanId);
    this.#pending.delete(scanId);
    if (!items || items.length === 0) return;
    const notifications = this.deps.settings().notifications;
    const enabled = CHANNELS.filter((channel) => notifications[channel].enabled);
    if (enabled.length === 0) return;
    if (!this.#limiter.allowMessage()) {
      this.deps.log.warn(`alert for scan ${scanId.slice(0, 8)} held back: more than ${notifications.maxPerHour} alerts this hour`);
      return;
    }
    const message = changesMessage(items, scanId, notifications.language, this.#now());
    const results = await Promise.all(enabled.map((channel) => this.#deliver(channel, notifications, message)));
    this.lastResults.splice(0, this.lastResults.length, ...results);
  }

  /**
   * The site in the JSON, and in the title after "Mamori" (an e-mail's subject, the ntfy title) once
   * it is named: a household with the one default site reads the title as before.
   */
  #stamp(message: AlertMessage): AlertMessage {
    const site = this.deps.site?.();
    if (!site) return message;
    const shown = site.name ?? (site.id === DEFAULT_SITE_ID ? null : site.id);
    return { ...message, site, title: shown ? message.title.replace(/^Mamori/, `Mamori [${shown}]`) : message.title };
  }

  async #deliver(channel: Channel, notifications: Settings['notifications'], message: AlertMessage): Promise<DeliveryResult> {
    try {
      await SENDERS[channel](notifications, this.#stamp(message));
      this.deps.log.info(`alert sent by ${channel}`, { kind: message.kind, items: message.items.length });
      return { channel, ok: true };
    } catch (error) {
      // DeliveryError messages are written to be safe to log: no URL path, no secret.
      const reason = error instanceof DeliveryError ? error.message : `${channel}: delivery failed`;
      this.deps.log.warn(`alert not delivered: ${reason}`);
      return { channel, ok: false, error: reason };
    }
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.deps.log.error('alert failed', { error: error instanceof Error ? error.name : 'error' }));
    this.#inFlight.add(tracked);
    void tracked.finally(() => this.#inFlight.delete(tracked));
  }
}
