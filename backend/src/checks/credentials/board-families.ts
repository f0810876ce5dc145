// White-label cameras, DVRs and routers hide their maker: the MAC belongs to the module maker and
// the box carries a reseller's name. The board they are built on still shows in the evidence the
// scan already holds — a "(none) login:" prompt, a DVR control port, a web server's name, UPnP or
// mDNS names — so the board family's factory pairs can be tried within the same 10 tries.
// Which signals point to which family, and its pairs, are data (board-families.json, cited).
import { z } from 'zod';
import type { Device } from '../../core/types.js';
import familiesJson from '../data/board-families.json' with { type: 'json' };
import type { CredentialService } from './data.js';

const signal = z.object({
  port: z.number().int().min(1).max(65535).optional(),
  banner: z.string().optional(),
  http: z.string().optional(),
  identity: z.string().optional(),
  service: z.string().optional(),
  weight: z.number().int().min(1).max(5),
  why: z.string().min(5),
}).strict().refine((s) => [s.port, s.banner, s.http, s.identity].filter((v) => v !== undefined).length + (s.banner === undefined && s.service !== undefined ? 1 : 0) === 1, 'one kind of signal per row');

const family = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(5),
  source: z.string().min(10),
  signals: z.array(signal).min(1),
  pairs: z.array(z.object({
    services: z.array(z.string().min(2)).min(1),
    user: z.string().max(64),
    password: z.string().max(64),
    source: z.string().min(10),
  }).strict()).min(1),
}).strict();

export type BoardFamily = z.infer<typeof family>;
type Signal = z.infer<typeof signal>;

const parsed = z.object({ $comment: z.string(), minScore: z.number().int().min(1), families: z.array(family).min(1) }).strict().parse(familiesJson);
export const BOARD_FAMILIES: readonly BoardFamily[] = parsed.families;
export const MIN_FAMILY_SCORE = parsed.minScore;

// Compiled once; the texts matched are short (banners and names are capped below).
const compiled = new Map<string, RegExp>();
const regex = (source: string): RegExp => {
  let re = compiled.get(source);
  if (!re) { re = new RegExp(source, 'i'); compiled.set(source, re); }
  return re;
};
const MAX_TEXT = 512;
const clip = (text: string | null | undefined): string => (text ?? '').slice(0, MAX_TEXT);

/** Names the device gives of itself (IEEE vendor, model, UPnP, mDNS, host names), plus hints. */
function identityTexts(device: Readonly<Device>, hints: readonly (string | null | undefined)[]): string[] {
  return [
    device.vendor, device.model, ...device.hostnames,
    ...device.upnp.flatMap((u) => [u.manufacturer, u.modelName, u.modelNumber, u.friendlyName, u.server]),
    ...device.mdns.flatMap((m) => [m.type, m.name, ...Object.values(m.txt)]),
    ...hints,
  ].filter((t): t is string => typeof t === 'string' && t.length > 0).map(clip);
}

function holds(s: Signal, device: Readonly<Device>, identity: readonly string[], hints: readonly (string | null | undefined)[]): boolean {
  const services = device.services;
  if (s.port !== undefined) return services.some((x) => x.transport === 'tcp' && x.port === s.port);
  if (s.banner !== undefined) {
    const re = regex(s.banner);
    const texts = services.filter((x) => s.service === undefined || x.service === s.service).map((x) => clip(x.banner));
    // A banner handed in as a hint (the service being checked) counts for its own service.
    return [...texts, ...hints.map(clip)].some((t) => re.test(t));
  }
  if (s.http !== undefined) {
    const re = regex(s.http);
    const texts = services.flatMap((x) => [x.http?.server, x.http?.title, x.http?.realm, x.service === 'http' || x.service === 'https' || x.service === 'ipp' || x.service === 'rtsp' ? x.product : null]);
    // The checked service's own hints (Server header, title, realm) count before the record has them.
    return [...texts, ...hints].some((t) => typeof t === 'string' && re.test(clip(t)));
  }
  if (s.identity !== undefined) return identity.some((t) => regex(s.identity!).test(t));
  return s.service !== undefined && services.some((x) => x.service === s.service);
}

export interface FamilyMatch {
  family: BoardFamily;
  /** Sum of the matched signals' weights: how strong the evidence is. */
  score: number;
  /** Why, in words, for the evidence and the log. */
  reasons: string[];
}

/** Families whose evidence reaches the threshold, strongest first (ties keep the data's order). */
export function matchBoardFamilies(device: Readonly<Device>, hints: readonly (string | null | undefined)[] = [], families: readonly BoardFamily[] = BOARD_FAMILIES): FamilyMatch[] {
  const identity = identityTexts(device, hints);
  const matches: FamilyMatch[] = [];
  for (const f of families) {
    const hit = f.signals.filter((s) => holds(s, device, identity, hints));
    const score = hit.reduce((sum, s) => sum + s.weight, 0);
    if (score >= MIN_FAMILY_SCORE) matches.push({ family: f, score, reasons: hit.map((s) => s.why) });
  }
  return matches.sort((a, b) => b.score - a.score);
}

export interface FamilyPair {
  user: string;
  password: string;
  source: string;
  score: number;
}

/** The chosen families' pairs for one service, strongest evidence first. */
export function familyPairs(service: CredentialService, matches: readonly FamilyMatch[]): FamilyPair[] {
  return matches.flatMap((m) => m.family.pairs
    .filter((p) => p.services.includes(service))
    .map((p) => ({ user: p.user, password: p.password, score: m.score, source: `${p.source} [board family ${m.family.id}: ${m.reasons.join('; ')}]` })));
}
