// The settings, security, backup and report part of THE client (client.ts spreads it into
// ApiClient). Components call these typed methods; only this file and client.ts know paths.
import type { Locale } from '../i18n';

/** GET/PUT /api/settings: the settings without their secrets; `secretsSet` names the secrets that hold a value. */
export interface SettingsResponse {
  settings: Record<string, unknown>;
  secretsSet: string[];
  nextScheduledScan: string | null;
}

/** GET /api/settings/schema: the JSON Schema (zod's toJSONSchema) the settings form is drawn from. */
export interface SettingsSchemaResponse {
  schemaVersion: number;
  jsonSchema: Record<string, unknown>;
}

export type AlertChannel = 'webhook' | 'ntfy' | 'email';
export interface TotpEnrolment { secret: string; uri: string }
export interface RestoreResult { files: string[]; restartRequired: boolean }
/** The owner's password (and a current code with the second factor on) plus the backup's passphrase. */
export interface BackupCredentials { password: string; code?: string; passphrase: string }
export interface EvidenceKey { fingerprint: string; publicKey: string }
/** POST /api/catalogue: the software catalogue now in use. */
export interface InstalledCatalogue { version: number; date: string; entries: number; source: 'built-in' | 'installed' }
/** A read-only API token as listed (GET /api/tokens): never the token itself. */
export interface ApiTokenInfo { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

export type ReportFormat = 'pdf' | 'html';
export type ExportTable = 'devices' | 'findings';

/** Links the browser downloads itself (<a href download>): built here, never in a component. */
export const downloadUrls = {
  report: (format: ReportFormat, lang: Locale) => `/api/report.${format}?lang=${lang}`,
  export: (table: ExportTable, lang: Locale) => `/api/export/${table}.csv?lang=${lang}`,
  /** from/to: YYYY-MM-DD, both days included. */
  evidence: (from: string, to: string, lang: Locale) =>
    `/api/evidence?${new URLSearchParams({ from, to, lang }).toString()}`,
};

export interface ApplianceApi {
  getSettings(): Promise<SettingsResponse>;
  getSettingsSchema(): Promise<SettingsSchemaResponse>;
  /** PUT the given top-level sections; the others stay as stored. A secret left out keeps its value. */
  saveSettings(sections: Record<string, unknown>): Promise<SettingsResponse>;
  testAlert(channel: AlertChannel): Promise<void>;
  totpStatus(): Promise<{ enabled: boolean }>;
  totpEnrol(password: string): Promise<TotpEnrolment>;
  totpConfirm(password: string, code: string): Promise<void>;
  totpDisable(password: string, code: string): Promise<void>;
  changePassword(request: { current: string; next: string; code?: string }): Promise<void>;
  /** POST /api/backup: the encrypted backup file. */
  backup(credentials: BackupCredentials): Promise<Blob>;
  restore(archive: Blob, credentials: BackupCredentials): Promise<RestoreResult>;
  /** POST /api/catalogue: a signed catalogue bundle, installed only when the project signed it and it is newer. */
  installCatalogue(bundle: Blob, credentials: { password: string; code?: string }): Promise<InstalledCatalogue>;
  evidenceKey(): Promise<EvidenceKey>;
  listTokens(): Promise<ApiTokenInfo[]>;
  /** POST /api/tokens: the token is in this answer only. */
  createToken(name: string): Promise<ApiTokenInfo & { token: string }>;
  revokeToken(id: string): Promise<void>;
  urls: typeof downloadUrls;
}

type Request = (path: string, init: RequestInit) => Promise<Response>;

const JSON_HEADERS = { Accept: 'application/json' };
// x-mamori: the server refuses state changes without it (a cross-site form cannot set it).
const WRITE_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json', 'x-mamori': '1' };

export function createApplianceApi(request: Request): ApplianceApi {
  const getJson = async <T>(path: string): Promise<T> =>
    (await (await request(path, { headers: JSON_HEADERS })).json()) as T;
  const send = (method: string, path: string, body: unknown) =>
    request(path, { method, headers: WRITE_HEADERS, body: JSON.stringify(body) });

  return {
    getSettings: () => getJson<SettingsResponse>('/api/settings'),
    getSettingsSchema: () => getJson<SettingsSchemaResponse>('/api/settings/schema'),
    async saveSettings(sections) {
      return (await (await send('PUT', '/api/settings', sections)).json()) as SettingsResponse;
    },
    async testAlert(channel) { await send('POST', '/api/alerts/test', { channel }); },
    totpStatus: () => getJson<{ enabled: boolean }>('/api/totp'),
    async totpEnrol(password) { return (await (await send('POST', '/api/totp/enrol', { password })).json()) as TotpEnrolment; },
    async totpConfirm(password, code) { await send('POST', '/api/totp/confirm', { password, code }); },
    async totpDisable(password, code) { await send('POST', '/api/totp/disable', { password, code }); },
    async changePassword(body) { await send('POST', '/api/password', body); },
    async backup(credentials) {
      return (await send('POST', '/api/backup', credentials)).blob();
    },
    async restore(archive, { password, code, passphrase }) {
      // The archive is the body; the secrets travel in headers, URI-encoded (any character may be in them).
      const response = await request('/api/restore', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/octet-stream', Accept: 'application/json', 'x-mamori': '1',
          'x-mamori-password': encodeURIComponent(password), 'x-mamori-passphrase': encodeURIComponent(passphrase),
          ...(code ? { 'x-mamori-code': code } : {}),
        },
        body: archive,
      });
      return (await response.json()) as RestoreResult;
    },
    async installCatalogue(bundle, { password, code }) {
      const response = await request('/api/catalogue', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/octet-stream', Accept: 'application/json', 'x-mamori': '1',
          'x-mamori-password': encodeURIComponent(password), ...(code ? { 'x-mamori-code': code } : {}),
        },
        body: bundle,
      });
      return (await response.json()) as InstalledCatalogue;
    },
    evidenceKey: () => getJson<EvidenceKey>('/api/evidence/key'),
    async listTokens() { return (await getJson<{ tokens: ApiTokenInfo[] }>('/api/tokens')).tokens; },
    async createToken(name) { return (await (await send('POST', '/api/tokens', { name })).json()) as ApiTokenInfo & { token: string }; },
    async revokeToken(id) { await request(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { Accept: 'application/json', 'x-mamori': '1' } }); },
    urls: downloadUrls,
  };
}
