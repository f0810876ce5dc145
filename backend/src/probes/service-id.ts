import { defineProbe, type PluginContext } from '../core/plugins.js';
import { mapLimit } from '../core/concurrency-limit.js';
import type { Device, HttpInfo, Service } from '../core/types.js';
import { exchange } from '../protocols/exchange.js';
import { listenForGreeting } from '../protocols/greeting.js';
import { htmlTitle, httpRequest, type HttpResponse } from '../protocols/http.js';
import { getPrinterAttributes } from '../protocols/ipp.js';
import { mqttConnectPacket, parseConnack } from '../protocols/mqtt.js';
import { mqttAnonymousConnack } from '../protocols/mqtt-session.js';
import { parseTelnet } from '../protocols/telnet.js';
import { tlsHandshake } from '../protocols/tls.js';
import { toTlsInfo } from '../protocols/tls-info.js';
import { portHello } from './service-hellos.js';
import { FIRST_GUESS, GREETING_PATTERNS, IPP_PORT, NEVER_PROBE, PORT_HELLO } from './service-patterns.js';

const GUESSES = ['http', 'tls', 'rtsp', 'mqtt'] as const;
type Guess = (typeof GUESSES)[number];

/**
 * How long a silent port is listened to for a late greeting, in the background while the hellos
 * are tried. nmap waits up to 6 s for a banner; most late servers greet within 1–3 s.
 */
export const LATE_GREETING_MS = 5000;

/** Names each open port by what the service says, not by its number (HTTP on 8081 is HTTP). */
export const serviceIdProbe = defineProbe({
  id: 'service-id',
  description: 'Identifies each open TCP service from its greeting or its answer to HTTP, TLS, RTSP and MQTT hellos',
  async run(device, ctx) {
    const tcp = device.services.filter((s) => s.transport === 'tcp');
    return mapLimit(tcp, ctx.tuning.perHostConcurrency, async (service) => (await refineService(device, service, ctx)) ?? { ...service });
  },
  refine: refineService,
});

/**
 * Names one TCP service (the runner calls this per port, the moment the port is found open). With
 * `ctx.learned` (the streaming runner), a silent port's first verdict — `unknown`, after the hellos —
 * comes back at once, and a late greeting heard in the background is reported through
 * `ctx.learned` when it names the service; without it, the answer waits for the late greeting.
 * Either way the port's slot under `ctx.limit` is held until the background listening ends.
 */
async function refineService(device: Readonly<Device>, service: Readonly<Service>, ctx: PluginContext): Promise<Service | null> {
  if (service.transport !== 'tcp') return null;
  let answered = false;
  let answer!: (named: Service) => void;
  const verdict = new Promise<Service>((resolve) => { answer = (named) => { answered = true; resolve(named); }; });
  const early = ctx.learned ? answer : undefined;
  ctx.limit(async () => {
    ctx.progress(`${device.ip}:${service.port}`);
    const named = await identify(device, service.port, ctx, early);
    if (!answered) answer(named);
    else if (named.service !== 'unknown' || named.banner !== null) ctx.learned?.(device.ip, named);
  }).catch((error: unknown) => {
    ctx.log.debug('service identification failed', { ip: device.ip, port: service.port, error: (error as Error).message });
    if (!answered) answer({ ...service });
  });
  return verdict;
}

/** `early`, when given, hears the first verdict on a silent port while the late greeting is still awaited. */
async function identify(device: Readonly<Device>, port: number, ctx: PluginContext, early?: (service: Service) => void): Promise<Service> {
  const base: Service = { port, transport: 'tcp', service: 'unknown', encrypted: false, banner: null, product: null };
  const raw = NEVER_PROBE[port];
  if (raw) return { ...base, service: raw, banner: 'not probed: data sent to this port would be printed' };
  const lateMs = Math.max(ctx.tuning.greetingMs, LATE_GREETING_MS);
  const listener = await listenForGreeting({
    host: device.ip, port, timeoutMs: ctx.tuning.connectTimeoutMs, firstMs: ctx.tuning.greetingMs, lateMs, signal: ctx.signal,
  });
  if (listener.first.length > 0) return { ...base, ...fromGreeting(listener.first) };

  // A silent server: say hello in each protocol at once (one connection each) and keep the
  // answer of the most likely one, so a silent port costs one timeout, not four. Meanwhile the
  // first connection keeps listening: a server that greets late is named by its greeting.
  const first = FIRST_GUESS[port];
  const order: Guess[] = first ? [first, ...GUESSES.filter((g) => g !== first)] : [...GUESSES];
  // On a port of a client-first protocol of its own (ADB, SMB, RDP, IPP), its hello goes first.
  const answers = await Promise.all([
    portHello(device.ip, port, ctx).catch(() => null),
    ...order.map((guess) => tryGuess(guess, device.ip, port, ctx).catch(() => null)),
  ]);
  const found = answers.find((answer) => answer !== null);
  if (found) {
    listener.stop();
    return { ...base, ...found };
  }
  const own = PORT_HELLO[port];
  const unnamed = { greetingWaitMs: lateMs, hellos: [...(own ? [own] : []), ...order] };
  early?.({ ...base, unnamed });
  const late = await listener.late;
  if (late.length > 0) {
    const named = fromGreeting(late);
    if (named.service !== 'unknown') return { ...base, ...named };
    return { ...base, ...named, unnamed };
  }
  return { ...base, unnamed };
}

function fromGreeting(greeting: Buffer): Partial<Service> {
  const telnet = parseTelnet(greeting);
  const text = telnet.text.replace(/\r/g, '');
  const banner = printable(text);
  if (telnet.negotiations > 0) return { service: 'telnet', banner };
  for (const row of GREETING_PATTERNS) {
    const match = row.pattern.exec(text);
    // A hostile greeting can be 16 kB long: the product name is capped like the banner.
    if (match) return { service: row.service, banner, product: row.product?.(match)?.slice(0, 120) ?? null };
  }
  return { service: 'unknown', banner };
}

async function tryGuess(guess: Guess, host: string, port: number, ctx: PluginContext): Promise<Partial<Service> | null> {
  const timeoutMs = ctx.tuning.exchangeTimeoutMs;
  const signal = ctx.signal;
  switch (guess) {
    case 'http': {
      const response = await httpRequest({ host, port, timeoutMs, maxBytes: 64 * 1024, signal }).catch((error: { raw?: Buffer }) => {
        // Not HTTP, but it spoke: a server-first protocol whose greeting missed our first wait.
        const late = error.raw && error.raw.length > 0 ? fromGreeting(error.raw) : null;
        if (late && late.service !== 'unknown') return late;
        throw error;
      });
      if (!('status' in response)) return response;
      return (await ippAnswer(host, port, response, ctx)) ?? { service: 'http', ...describeHttp(response) };
    }
    case 'tls': {
      // The handshake is kept (Service.tls) so the TLS checks need not repeat it.
      const tls = toTlsInfo(await tlsHandshake({ host, port, timeoutMs, signal }));
      const response = await httpRequest({ host, port, tls: true, timeoutMs, maxBytes: 64 * 1024, signal }).catch(() => null);
      if (response) return { service: 'https', encrypted: true, tls, ...describeHttp(response) };
      // Not HTTP inside the TLS: say hello in MQTT (a CONNACK, whatever its code, means a broker).
      const connack = await mqttAnonymousConnack({ host, port, tls: true, timeoutMs, signal }).catch(() => null);
      return { service: connack !== null ? 'mqtts' : 'tls', encrypted: true, tls, ...(connack !== null ? { banner: 'MQTT CONNACK over TLS' } : {}) };
    }
    case 'rtsp': {
      const { reply } = await exchange({
        host, port, timeoutMs, signal, idleMs: 200,
        payload: `OPTIONS rtsp://${host}:${port}/ RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Mamori\r\n\r\n`,
        until: (d) => d.includes('\r\n\r\n'),
      });
      const text = reply.toString('latin1');
      if (!text.startsWith('RTSP/1.0')) return null;
      const server = /\r\nserver:\s*([^\r\n]+)/i.exec(text)?.[1] ?? null;
      return { service: 'rtsp', banner: printable(text.split('\r\n')[0] ?? ''), product: server };
    }
    case 'mqtt': {
      const { reply } = await exchange({ host, port, timeoutMs, signal, payload: mqttConnectPacket(`mamori-${process.pid}`), until: (d) => d.length >= 4 });
      return parseConnack(reply) === null ? null : { service: 'mqtt', banner: 'MQTT CONNACK' };
    }
  }
}

/**
 * An IPP server answers the HTTP hello too: on the IPP port, or where the answer shows IPP (cupsd
 * says "Server: CUPS/2.4 IPP/2.1", ippeveprinter "CUPS/2.4.2"), one read-only Get-Printer-Attributes is asked, and the service is
 * named `ipp` only if it answers in IPP. A plain web server on 631 stays `http`.
 */
async function ippAnswer(host: string, port: number, response: HttpResponse, ctx: PluginContext): Promise<Partial<Service> | null> {
  if (!looksLikeIpp(port, response)) return null;
  const ipp = await getPrinterAttributes({ host, port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal }).catch(() => null);
  if (!ipp) return null;
  const http = describeHttp(response);
  const said = ipp.makeAndModel ?? ipp.info;
  const firmware = ipp.firmware[0] ? `, firmware ${ipp.firmware[0]}` : '';
  const banner = [`IPP/${ipp.version}${said ? ` printer "${said}"` : ''}${firmware}`, http.banner].filter(Boolean).join('; ');
  return { service: 'ipp', ...http, banner: printable(banner), ipp };
}

function looksLikeIpp(port: number, response: HttpResponse): boolean {
  // CUPS's HTTP stack (cupsd, ippeveprinter, many printers' firmware) serves IPP on every port it listens on.
  const server = response.headers['server'] ?? '';
  return port === IPP_PORT || /\b(IPP|CUPS)\/\d/i.test(server) || /^application\/ipp\b/i.test(response.headers['content-type'] ?? '');
}

function describeHttp(response: HttpResponse): Partial<Service> & { http: HttpInfo } {
  const server = response.headers['server'] ?? null;
  const auth = response.rawHeaders.find(([name]) => name === 'www-authenticate')?.[1] ?? null;
  const http: HttpInfo = {
    status: response.status,
    server,
    title: htmlTitle(response.body),
    authScheme: auth ? auth.split(/\s+/)[0] ?? null : null,
    realm: auth ? /realm="([^"]*)"/i.exec(auth)?.[1] ?? null : null,
  };
  const banner = [`HTTP ${response.status}`, server && `Server: ${server}`, http.title && `title: ${http.title}`].filter(Boolean).join('; ');
  return { banner, product: server, http };
}

function printable(text: string): string | null {
  const clean = text.replace(/[^\x20-\x7e\n]/g, '').replace(/\n+/g, ' ').trim();
  return clean ? clean.slice(0, 200) : null;
}
