// Delivery of one alert message over webhook (JSON POST), ntfy (JSON publish to the server, topic
// from the URL) or e-mail (SMTP through nodemailer). Hard timeouts; errors name the channel and
// the HTTP status or SMTP reply, never the URL's path or a secret (a webhook URL often is one).
import type { Settings } from '../storage/settings.js';
import type { AlertMessage } from './message.js';

const TIMEOUT_MS = 8000;

export class DeliveryError extends Error {}

type Notifications = Settings['notifications'];

/** Only scheme, host and port: safe to log. */
export function safeTarget(url: string): string {
  try { const u = new URL(url); return `${u.protocol}//${u.host}`; } catch { return '(invalid address)'; }
}

async function post(url: string, body: string, headers: Record<string, string>, what: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not connect';
    throw new DeliveryError(`${what}: ${reason} to ${safeTarget(url)}`);
  }
  await response.body?.cancel().catch(() => undefined); // the answer is not needed, and may be large
  if (response.status < 200 || response.status >= 300) throw new DeliveryError(`${what}: ${safeTarget(url)} answered HTTP ${response.status}`);
}

export async function sendWebhook(config: Notifications['webhook'], message: AlertMessage): Promise<void> {
  if (!config.url) throw new DeliveryError('webhook: no address set');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'mamori' };
  if (config.token) headers['authorization'] = `Bearer ${config.token}`;
  await post(config.url, JSON.stringify(message), headers, 'webhook');
}

/** ntfy's JSON publishing: POST {topic, title, message} to the server root (UTF-8 safe, unlike headers). */
export async function sendNtfy(config: Notifications['ntfy'], message: AlertMessage): Promise<void> {
  if (!config.url) throw new DeliveryError('ntfy: no topic address set');
  const url = new URL(config.url);
  const segments = url.pathname.split('/').filter(Boolean);
  const topic = segments.pop();
  if (!topic) throw new DeliveryError('ntfy: the address must end with the topic, e.g. https://ntfy.sh/my-home');
  url.pathname = `/${segments.map((s) => `${s}/`).join('')}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'mamori' };
  if (config.token) headers['authorization'] = `Bearer ${config.token}`;
  const priority = message.items.some((i) => i.finding?.severity === 'critical' || i.finding?.severity === 'high') ? 4 : 3;
  await post(url.toString(), JSON.stringify({ topic, title: message.title, message: message.text || message.title, priority, tags: ['shield'] }), headers, 'ntfy');
}

export async function sendEmail(config: Notifications['email'], message: AlertMessage): Promise<void> {
  if (!config.host || !config.from || config.to.length === 0) throw new DeliveryError('e-mail: server, sender and recipients are needed');
  // Loaded at first use: nodemailer costs ~14 MB of RSS, and most homes never set up e-mail.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: config.host, port: config.port,
    secure: config.security === 'tls', requireTLS: config.security === 'starttls', ignoreTLS: config.security === 'none',
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
    logger: false, debug: false,
  });
  try {
    await transport.sendMail({
      from: config.from, to: config.to, subject: message.title,
      text: `${message.text}\n`,
      headers: { 'X-Mamori-Kind': message.kind },
    });
  } catch (error) {
    const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code ?? 'error';
    throw new DeliveryError(`e-mail: ${config.host}:${config.port} refused the message (${code})`);
  } finally {
    transport.close();
  }
}

export const SENDERS = {
  webhook: (n: Notifications, m: AlertMessage) => sendWebhook(n.webhook, m),
  ntfy: (n: Notifications, m: AlertMessage) => sendNtfy(n.ntfy, m),
  email: (n: Notifications, m: AlertMessage) => sendEmail(n.email, m),
} as const;
