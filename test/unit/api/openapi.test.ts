// backend/openapi.json against the real express router: every route the appliance serves is
// documented, and nothing documented is missing. The file itself is checked too: OpenAPI 3.1
// shape, every $ref resolves, path parameters declared, every schema a valid JSON Schema 2020-12.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SettingsSchema } from '../../../backend/src/storage/settings.js';
import { removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

const ROOT = join(import.meta.dirname, '../../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation { responses?: Record<string, unknown>; parameters?: Array<{ $ref?: string; name?: string; in?: string }>; summary?: string }
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, unknown>; parameters?: Record<string, { name: string; in: string }> };
}

const doc = JSON.parse(readFileSync(join(ROOT, 'backend/openapi.json'), 'utf8')) as Document;

interface Layer { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; slash?: boolean; rawPath?: string }

/** "METHOD /path" for every route in the router stack, mounted routers included; :id → {id}. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = (prefix + layer.route.path).replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${path}`);
    }
    if (layer.handle?.stack) {
      if (!layer.slash && typeof layer.rawPath !== 'string') throw new Error('a router is mounted at a path this test cannot read');
      return routesOf(layer.handle.stack, prefix + (layer.slash ? '' : layer.rawPath));
    }
    return [];
  });
}

interface SchemaNode { properties?: Record<string, SchemaNode>; items?: SchemaNode; anyOf?: SchemaNode[]; oneOf?: SchemaNode[]; writeOnly?: boolean; $ref?: string }

/** Every field path of a JSON Schema ("notifications.email.to", "schedule.entries[].cron"), write-only ones marked, union branches included. */
function fieldPaths(node: SchemaNode, path = ''): string[] {
  const own = Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const here = path ? `${path}.${key}` : key;
    return [child.writeOnly ? `${here} (write-only)` : here, ...fieldPaths(child, here)];
  });
  const inner = [...(node.items ? fieldPaths(node.items, `${path}[]`) : []), ...[...(node.anyOf ?? []), ...(node.oneOf ?? [])].flatMap((branch) => fieldPaths(branch, path))];
  return [...new Set([...own, ...inner])].sort();
}

/** Paths of keys in a real answer that the documented schema does not name (where it names properties at all). */
function undocumentedKeys(value: unknown, node: SchemaNode | undefined, path = ''): string[] {
  if (!node || value === null || typeof value !== 'object') return [];
  const target = node.$ref ? (doc.components.schemas[node.$ref.replace('#/components/schemas/', '')] as SchemaNode) : node;
  if (Array.isArray(value)) return value.flatMap((item, i) => undocumentedKeys(item, target.items, `${path}[${i}]`));
  const branches = [...(target.anyOf ?? []), ...(target.oneOf ?? [])];
  if (branches.length > 0) {
    const misses = branches.map((branch) => undocumentedKeys(value, branch, path));
    return misses.find((m) => m.length === 0) ?? misses[0]!;
  }
  if (!target.properties) return [];
  return Object.entries(value).flatMap(([key, child]) => (key in target.properties!
    ? undocumentedKeys(child, target.properties![key], `${path}.${key}`)
    : [`${path}.${key}`]));
}

/** Strict 2020-12; the e-mail format is known (its shape is checked by the pattern beside it). */
const newAjv = () => new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true, formats: { email: true } });

let test: TestAppliance;
beforeAll(async () => { test = await startTestAppliance({ logLevel: 'silent' }); });
afterAll(async () => { await test?.stop(); await removeDir(test.dataDir); });

describe('openapi.json', () => {
  it('documents exactly the routes the appliance serves', () => {
    const served = routesOf((test.appliance.httpApp as unknown as { router: { stack: Layer[] } }).router.stack)
      .filter((r) => r !== 'GET /{*splat}'); // the dashboard's SPA fallback, not API
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served.length).toBeGreaterThan(15);
    expect(served.filter((r) => !documented.includes(r)), 'served but not in openapi.json').toEqual([]);
    expect(documented.filter((r) => !served.includes(r)), 'in openapi.json but not served').toEqual([]);
  });

  it('every operation not marked public (security: []) refuses a client without a session', async () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const operation = item[method] as (Operation & { security?: unknown[] }) | undefined;
        if (!operation || operation.security?.length === 0) continue;
        const res = await test.request({ method: method.toUpperCase(), path: path.replace(/\{\w+\}/g, 'x'), ...(method === 'get' ? {} : { body: {} }) });
        expect(res.status, `${method.toUpperCase()} ${path}`).toBe(401);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('is an OpenAPI 3.1 document whose references resolve', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    const resolve = (ref: string): unknown => ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    const refs: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) if (key === '$ref' && typeof value === 'string') refs.push(value); else collect(value);
      }
    };
    collect(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(operation.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        const declared = (operation.parameters ?? []).map((p) => (p.$ref ? resolve(p.$ref) as { name: string; in: string } : p)).filter((p) => p.in === 'path').map((p) => p.name);
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(declared.sort(), `${method} ${path} path parameters`).toEqual(inPath.sort());
      }
    }
  });

  it('holds valid JSON Schema 2020-12 in components.schemas', () => {
    const ajv = newAjv();
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    }
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.getSchema(`#/components/schemas/${name}`), name).not.toThrow();
    }
    const validate = ajv.getSchema('#/components/schemas/LoginRequest')!;
    expect(validate({ password: 'x', code: '123456' })).toBe(true);
    expect(validate({ password: 'x', extra: 1 })).toBe(false);
  });

  it('describes every field of the settings, as the zod SettingsSchema has them (write-only ones marked)', () => {
    const fromZod = fieldPaths(z.toJSONSchema(SettingsSchema, { io: 'output', unrepresentable: 'any' }) as SchemaNode);
    const documented = fieldPaths(doc.components.schemas.Settings as SchemaNode);
    expect(fromZod.length).toBeGreaterThan(60);
    expect(fromZod).toContain('targets[].cidr');
    expect(fromZod).toContain('notifications.email.password (write-only)');
    expect(fromZod.filter((p) => !documented.includes(p)), 'in settings.ts but not in openapi.json').toEqual([]);
    expect(documented.filter((p) => !fromZod.includes(p)), 'in openapi.json but not in settings.ts').toEqual([]);
  });

  it('GET /api/settings, /api/settings/schema and /api/state answer with nothing the document leaves out', async () => {
    const session = await setUpOwner(test);
    const put = await test.request({ method: 'PUT', path: '/api/settings', session, body: { targets: [{ cidr: '10.77.0.0/24', consent: true }, { cidr: '10.78.0.0/24', consent: true }] } });
    expect(put.status).toBe(200);
    const ajv = newAjv();
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    const answers: Array<[string, string]> = [['/api/settings', 'SettingsView'], ['/api/settings/schema', 'SettingsSchema'], ['/api/state', 'Snapshot']];
    for (const [path, schema] of answers) {
      const res = await test.request({ path, session });
      expect(res.status, path).toBe(200);
      const validate = ajv.getSchema(`#/components/schemas/${schema}`)!;
      expect(validate(res.json), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(undocumentedKeys(res.json, doc.components.schemas[schema] as SchemaNode), path).toEqual([]);
    }
    const state = (await test.request({ path: '/api/state', session })).json as { settings: { networks?: Array<{ cidr: string }> } };
    expect(state.settings.networks?.map((n) => n.cidr)).toEqual(expect.arrayContaining(['10.77.0.0/24', '10.78.0.0/24']));
  });
});
