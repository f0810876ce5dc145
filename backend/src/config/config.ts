// Appliance configuration: one zod schema gives types, defaults and validation.
// Sources, later wins: defaults → JSON file (MAMORI_CONFIG) → environment variables.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseCidr } from '../scope/cidr.js';

export const ConfigSchema = z.object({
  dataDir: z.string().min(1).default('./data').describe('Where devices, scans, findings and the password hash are kept'),
  host: z.string().min(1).default('0.0.0.0').describe('Address the dashboard listens on'),
  port: z.number().int().min(1).max(65535).default(8380).describe('TCP port of the dashboard'),
  socketPath: z.string().min(1).nullable().default(null).describe('Listen on this Unix socket instead of host:port'),
  publicUrl: z.string().url().nullable().default(null).describe('Address people open the dashboard at (used in the set-up link)'),
  allowedOrigins: z.array(z.string().url()).default([]).describe('Extra browser origins allowed besides the one the dashboard is served from'),
  targets: z.array(z.string()).default([]).describe('Networks to scan; empty means the private subnets of this machine'),
  interface: z.string().min(1).nullable().default(null).describe('Network interface to scan from'),
  allowPublic: z.boolean().default(false).describe('Allow scanning ranges that are not private'),
  allowLarge: z.boolean().default(false).describe('Allow ranges larger than a /22'),
  loginChecks: z.boolean().default(false).describe('Consent to try factory passwords on devices'),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  metricsPublic: z.boolean().default(false).describe('Serve GET /metrics to anyone who can reach the port (otherwise a session or the metrics token)'),
  metricsToken: z.string().min(16).max(200).nullable().default(null).describe('Bearer token a Prometheus scraper sends for GET /metrics'),
  trustProxy: z.string().regex(/^(\d{1,2}|[0-9A-Za-z.:/,\s-]{1,500})$/).nullable().default(null)
    .describe('Reverse proxy whose X-Forwarded-For/-Proto are believed: a hop count, or addresses/ranges such as loopback or 10.0.0.5'),
  allowedHosts: z.array(z.string().min(1).max(253)).default([]).describe('Host names the dashboard answers to; empty means any (set it against DNS rebinding)'),
  allowedClients: z.array(z.string().max(64).refine((v) => { try { parseCidr(v); return true; } catch { return false; } }, { message: 'not an address range' }))
    .default([]).describe('Client ranges the dashboard answers besides loopback, link-local and private ones (e.g. a VPN)'),
}).strict();

export type Config = z.infer<typeof ConfigSchema>;

const ENV: Record<string, { key: keyof Config; parse: (v: string) => unknown }> = {
  MAMORI_DATA_DIR: { key: 'dataDir', parse: (v) => v },
  MAMORI_HOST: { key: 'host', parse: (v) => v },
  MAMORI_PORT: { key: 'port', parse: (v) => (/^\d+$/.test(v) ? Number(v) : v) },
  MAMORI_SOCKET_PATH: { key: 'socketPath', parse: (v) => v },
  MAMORI_PUBLIC_URL: { key: 'publicUrl', parse: (v) => v },
  MAMORI_ALLOWED_ORIGINS: { key: 'allowedOrigins', parse: list },
  MAMORI_TARGETS: { key: 'targets', parse: list },
  MAMORI_INTERFACE: { key: 'interface', parse: (v) => v },
  MAMORI_ALLOW_PUBLIC: { key: 'allowPublic', parse: bool },
  MAMORI_ALLOW_LARGE: { key: 'allowLarge', parse: bool },
  MAMORI_LOGIN_CHECKS: { key: 'loginChecks', parse: bool },
  MAMORI_LOG_LEVEL: { key: 'logLevel', parse: (v) => v },
  MAMORI_METRICS_PUBLIC: { key: 'metricsPublic', parse: bool },
  MAMORI_METRICS_TOKEN: { key: 'metricsToken', parse: (v) => v },
  MAMORI_TRUST_PROXY: { key: 'trustProxy', parse: (v) => v },
  MAMORI_ALLOWED_HOSTS: { key: 'allowedHosts', parse: list },
  MAMORI_ALLOWED_CLIENTS: { key: 'allowedClients', parse: list },
};

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function bool(value: string): unknown {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value; // left for zod to reject with a clear message
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let raw: Record<string, unknown> = {};
  const file = env['MAMORI_CONFIG'];
  if (file) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ConfigError(`config file ${file} must hold a JSON object`);
    }
  }
  for (const [name, { key, parse }] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = parse(value);
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}
