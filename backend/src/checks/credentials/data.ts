// The credential data files, validated once at load: a malformed row fails loudly at start-up
// (and in the unit tests), never silently during a scan.
import { z } from 'zod';
import { DEVICE_TYPES } from '../../core/types.js';
import credentialsJson from '../data/default-credentials.json' with { type: 'json' };
import formsJson from '../data/http-forms.json' with { type: 'json' };
import rtspPathsJson from '../data/rtsp-credential-paths.json' with { type: 'json' };

/**
 * A service the rows list pairs for: the finding service of a registered credential check
 * (checks/index.ts derives the list, CREDENTIAL_SERVICES, and checks every row against it at load).
 */
export type CredentialService = string;

const credentialRow = z.object({
  vendor: z.string().min(2).nullable(),
  deviceTypes: z.array(z.enum(DEVICE_TYPES)),
  services: z.array(z.string().min(2)).min(1),
  user: z.string().max(64),
  password: z.string().max(64),
  source: z.string().min(10),
}).strict();
export type CredentialRow = z.infer<typeof credentialRow>;

const condition = z.object({
  status: z.array(z.number().int()).optional(),
  body: z.string().optional(),
  location: z.string().optional(),
  cookie: z.string().optional(),
}).strict();

const formRow = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  product: z.string().min(2),
  source: z.string().min(10),
  recognise: z.object({
    title: z.string().optional(),
    server: z.string().optional(),
    probePath: z.string().startsWith('/'),
    probeBody: z.string(),
  }).strict(),
  login: z.object({
    method: z.enum(['GET', 'POST']),
    path: z.string().startsWith('/'),
    encoding: z.enum(['form', 'json', 'query']),
    headers: z.record(z.string(), z.string()).optional(),
    fields: z.record(z.string(), z.string()),
    success: z.array(condition).min(1),
    failure: z.array(condition).min(1),
    lockout: z.array(condition).optional(),
  }).strict(),
}).strict();
export type FormRow = z.infer<typeof formRow>;

const rtspPathRow = z.object({ vendor: z.string().nullable(), paths: z.array(z.string().startsWith('/')).min(1) }).strict();
export type RtspPathRow = z.infer<typeof rtspPathRow>;

export const CREDENTIALS: readonly CredentialRow[] = z.array(credentialRow).parse(credentialsJson.credentials);
export const HTTP_FORMS: readonly FormRow[] = z.array(formRow).parse(formsJson.forms);
export const RTSP_CREDENTIAL_PATHS: readonly RtspPathRow[] = z.array(rtspPathRow).parse(rtspPathsJson.paths);
