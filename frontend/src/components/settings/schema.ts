// Reading the settings' JSON Schema (zod 4's z.toJSONSchema, draft 2020-12) for the generic form:
// what kind of input a node needs, its default, its description in the reader's language, a light
// check before saving, and the server's "path: message; …" refusal split per field.
import type { Locale } from '../../i18n';

export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  contentMediaType?: string;
  writeOnly?: boolean;
  description?: string;
  descriptionJa?: string;
}

export type FieldKind =
  | { kind: 'hidden' }
  | { kind: 'object'; properties: Array<[string, SchemaNode]> }
  | { kind: 'union'; discriminator: string; options: Array<{ value: string; node: SchemaNode }> }
  | { kind: 'array'; item: SchemaNode }
  | { kind: 'enum'; values: string[] }
  | { kind: 'boolean' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'image' }
  | { kind: 'string' };

/** A node that may also be null (anyOf [X, null] or type [X, 'null']), unwrapped. */
export function unwrapNullable(node: SchemaNode): { node: SchemaNode; nullable: boolean } {
  if (node.anyOf) {
    const rest = node.anyOf.filter((n) => n.type !== 'null');
    if (rest.length === 1 && rest.length < node.anyOf.length) {
      const { anyOf: _drop, ...outer } = node;
      return { node: { ...rest[0], ...outer }, nullable: true };
    }
  }
  if (Array.isArray(node.type) && node.type.includes('null')) {
    const types = node.type.filter((t) => t !== 'null');
    return { node: { ...node, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { node, nullable: false };
}

/** The property every option of a oneOf fixes with a const (zod's discriminatedUnion), if any. */
function discriminatorOf(options: SchemaNode[]): string | null {
  const first = options[0]?.properties ?? {};
  for (const key of Object.keys(first)) {
    if (options.every((o) => typeof o.properties?.[key]?.const === 'string')) return key;
  }
  return null;
}

function isImage(node: SchemaNode, key: string): boolean {
  return node.contentMediaType?.startsWith('image/') === true
    || node.format === 'data-url'
    || node.pattern?.includes('data:image') === true
    || /logo/i.test(key);
}

export function kindOf(node: SchemaNode, key = ''): FieldKind {
  if (node.const !== undefined) return { kind: 'hidden' };
  if (node.oneOf) {
    const discriminator = discriminatorOf(node.oneOf);
    if (discriminator) {
      return {
        kind: 'union', discriminator,
        options: node.oneOf.map((o) => ({ value: o.properties![discriminator]!.const as string, node: o })),
      };
    }
  }
  if (node.enum) return { kind: 'enum', values: node.enum.map(String) };
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'object': return { kind: 'object', properties: Object.entries(node.properties ?? {}) };
    case 'array': return { kind: 'array', item: node.items ?? {} };
    case 'boolean': return { kind: 'boolean' };
    case 'integer': return { kind: 'number', integer: true };
    case 'number': return { kind: 'number', integer: false };
    case 'string': return isImage(node, key) ? { kind: 'image' } : { kind: 'string' };
    default: return { kind: 'string' };
  }
}

/** A fresh value for a new list entry or a missing field: the schema's defaults, filled in depth. */
export function defaultFor(raw: SchemaNode): unknown {
  const { node, nullable } = unwrapNullable(raw);
  const kind = kindOf(node);
  if (kind.kind === 'union') return defaultFor(kind.options[0]!.node);
  if (kind.kind === 'hidden') return node.const;
  if (kind.kind === 'object') {
    const value: Record<string, unknown> = {};
    const given = (node.default && typeof node.default === 'object' ? node.default : {}) as Record<string, unknown>;
    for (const [key, child] of kind.properties) {
      if (child.writeOnly) continue; // a secret is only ever sent when the owner types one
      value[key] = key in given ? structuredClone(given[key]) : defaultFor(child);
    }
    return value;
  }
  if (node.default !== undefined) return structuredClone(node.default);
  if (nullable) return null;
  switch (kind.kind) {
    case 'array': return [];
    case 'boolean': return false;
    case 'number': return node.minimum ?? 0;
    case 'enum': return kind.values[0];
    default: return '';
  }
}

/**
 * The value without any write-only field. The appliance never sends secrets; this makes sure that
 * even if one arrived, the form would neither show it nor send it back.
 */
export function withoutSecrets(raw: SchemaNode, value: unknown): unknown {
  const { node } = unwrapNullable(raw);
  if (node.writeOnly) return undefined;
  if (Array.isArray(value)) {
    const item = node.items;
    return item ? value.map((v) => withoutSecrets(item, v)) : value;
  }
  if (value && typeof value === 'object') {
    const options = node.oneOf ?? [node];
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childNode = options.map((o) => o.properties?.[key]).find(Boolean);
      const kept = childNode ? withoutSecrets(childNode, child) : child;
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return value;
}

/** The field's description in the reader's language (the label the form shows). */
export function describe(node: SchemaNode, locale: Locale, fallback: string): string {
  const text = locale === 'ja' ? node.descriptionJa ?? node.description : node.description;
  return text?.trim() || fallback;
}

export type Problem =
  | { key: 'required' } | { key: 'min'; limit: number } | { key: 'max'; limit: number }
  | { key: 'integer' } | { key: 'tooLong'; limit: number } | { key: 'format' } | { key: 'tooMany'; limit: number };

/** A light check before saving, so the common mistakes get a message in the reader's language. */
export function check(raw: SchemaNode, value: unknown, path: string, out = new Map<string, Problem>()): Map<string, Problem> {
  const { node, nullable } = unwrapNullable(raw);
  if (value === null || value === undefined) return out;
  const kind = kindOf(node, path.split('.').pop());
  if (kind.kind === 'object' && typeof value === 'object') {
    for (const [key, child] of kind.properties) {
      check(child, (value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out);
    }
  } else if (kind.kind === 'union' && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[kind.discriminator];
    const option = kind.options.find((o) => o.value === tag);
    if (option) check(option.node, value, path, out);
  } else if (kind.kind === 'array' && Array.isArray(value)) {
    if (node.maxItems !== undefined && value.length > node.maxItems) out.set(path, { key: 'tooMany', limit: node.maxItems });
    value.forEach((item, index) => check(kind.item, item, `${path}.${index}`, out));
  } else if (kind.kind === 'number' && typeof value === 'number') {
    if (Number.isNaN(value)) out.set(path, { key: 'required' });
    else if (kind.integer && !Number.isInteger(value)) out.set(path, { key: 'integer' });
    else if (node.minimum !== undefined && value < node.minimum) out.set(path, { key: 'min', limit: node.minimum });
    else if (node.maximum !== undefined && value > node.maximum) out.set(path, { key: 'max', limit: node.maximum });
  } else if ((kind.kind === 'string' || kind.kind === 'image') && typeof value === 'string') {
    if (value === '' && !nullable) out.set(path, { key: 'required' });
    else if (node.maxLength !== undefined && [...value].length > node.maxLength) out.set(path, { key: 'tooLong', limit: node.maxLength });
    else if (node.pattern && value !== '' && !safeTest(node.pattern, value)) out.set(path, { key: 'format' });
  }
  return out;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true; // a pattern this browser cannot compile: the server still checks it
  }
}

/**
 * The server refuses a PUT with "targets.0.cidr: not an address range …; notifications.webhook: url
 * is needed …" (storage/settings.ts describeIssues). Each message goes to its field's path.
 */
export function serverIssues(message: string): Map<string, string> {
  const issues = new Map<string, string>();
  for (const part of message.split(/;\s+(?=[\w.()-]+: )/)) {
    const match = /^([\w.()-]+): (.*)$/s.exec(part.trim());
    if (match) issues.set(match[1] === '(settings)' ? '' : match[1]!, match[2]!);
  }
  return issues;
}

/**
 * Whether a range lies in the blocks the appliance scans without --allow-public (the same list as
 * backend/src/scope/policy.ts, which the browser cannot import: it needs node:net): private (RFC
 * 1918), link-local, unique-local. Anything else gets a warning next to the consent box.
 */
export function isLocalRange(cidr: string): boolean {
  const [address = '', prefixText] = cidr.trim().toLowerCase().split('/');
  const prefix = prefixText === undefined ? null : Number(prefixText);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    const p = prefix ?? 32;
    return (a === 10 && p >= 8) || (a === 172 && b >= 16 && b <= 31 && p >= 12)
      || (a === 192 && b === 168 && p >= 16) || (a === 169 && b === 254 && p >= 16);
  }
  const p = prefix ?? 128;
  return (/^f[cd][0-9a-f]{0,2}:/.test(address) && p >= 7) || (/^fe[89ab][0-9a-f]?:/.test(address) && p >= 10);
}
