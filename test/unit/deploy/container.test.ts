// The container files, checked without a container engine (none runs here): the Containerfile's
// stages, base-image pinning, non-root user and HEALTHCHECK; the compose file (parsed by PyYAML)
// with host networking and CAP_NET_RAW as the only capability; and the health-check script itself,
// run against a real appliance on 127.0.0.1.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

const ROOT = join(import.meta.dirname, '../../..');
const CONTAINERFILE = readFileSync(join(ROOT, 'deploy/container/Containerfile'), 'utf8');
const IGNORE = readFileSync(join(ROOT, 'deploy/container/Containerfile.dockerignore'), 'utf8');

interface Instruction { op: string; args: string }
interface Stage { base: string; name: string | null; steps: Instruction[] }

/** Splits a Containerfile into instructions (continuation lines joined, comments dropped) and stages. */
function parseContainerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const logical = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op, rest] = /^(\S+)\s+(.*)$/.exec(line)!;
    const instruction = { op: op!.toUpperCase(), args: rest!.trim() };
    if (instruction.op === 'FROM') {
      const [, base, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args)!;
      stages.push({ base: base!, name: name ?? null, steps: [] });
    } else if (stages.length === 0 && instruction.op === 'ARG') {
      const [key, value] = instruction.args.split('=');
      args.set(key!, value ?? '');
    } else {
      stages.at(-1)!.steps.push(instruction);
    }
  }
  return { args, stages };
}

function compose(): Record<string, unknown> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)', join(ROOT, 'deploy/container/compose.yaml')],
      (error, stdout, stderr) => (error ? reject(new Error(`python3 with PyYAML (Debian python3-yaml) is needed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout))));
  }) as unknown as Record<string, unknown>;
}

const { args, stages } = parseContainerfile(CONTAINERFILE);
const runtime = stages.at(-1)!;
const stepsOf = (stage: Stage, op: string) => stage.steps.filter((s) => s.op === op).map((s) => s.args);

describe('Containerfile', () => {
  it('is multi-stage: a build stage with dev dependencies, a production-only one, a runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
    expect(stepsOf(stages[0]!, 'RUN').join('\n')).toMatch(/npm ci (?![^\n]*--omit=dev)[\s\S]*npm run build/);
    expect(stepsOf(stages[1]!, 'RUN').join('\n')).toMatch(/npm ci --omit=dev/);
    // The runtime takes node_modules only from the production stage, and never runs npm itself.
    expect(stepsOf(runtime, 'COPY').filter((c) => c.includes('node_modules'))).toEqual(['--from=deps /deps/node_modules ./node_modules']);
    expect(stepsOf(runtime, 'RUN').join('\n')).not.toMatch(/npm (ci|install)/);
  });

  it('pins every base image to an exact release (no latest, no bare major), overridable with a digest', () => {
    for (const stage of stages) {
      const image = stage.base.replace(/^\$\{(\w+)\}$/, (_m, name: string) => args.get(name) ?? '');
      expect(image, stage.base).toMatch(/^docker\.io\/library\/node:\d+\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    }
    expect(CONTAINERFILE).not.toMatch(/:latest\b/);
    // The same Node.js major the project declares and is tested on.
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(args.get('NODE_IMAGE')).toContain(`node:${/\d+/.exec(engines)![0]}.`);
  });

  it('ships what discovery calls (ip, arp-scan) and the time zones schedules follow', () => {
    const packages = stepsOf(runtime, 'RUN').join('\n');
    for (const pkg of ['iproute2', 'arp-scan', 'tzdata', 'fonts-noto-cjk']) expect(packages, pkg).toMatch(new RegExp(`apt-get install[^\n]*\\b${pkg}\\b`));
  });

  it('runs as a fixed non-root user, with a health check on /api/health and the data on a volume', () => {
    const users = stepsOf(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d{3,}:[1-9]\d{3,}$/);
    const health = stepsOf(runtime, 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]).toMatch(/CMD \["node", "\/opt\/mamori\/deploy\/healthcheck\.mjs"\]/);
    expect(stepsOf(runtime, 'COPY')).toContain('deploy/healthcheck.mjs ./deploy/healthcheck.mjs');
    expect(stepsOf(runtime, 'ENV').join(' ')).toMatch(/MAMORI_DATA_DIR=\/data/);
    expect(stepsOf(runtime, 'VOLUME')).toEqual(['["/data"]']);
    expect(stepsOf(runtime, 'CMD')).toEqual(['["node", "--max-semi-space-size=4", "backend/dist/main.js"]']);
  });

  it('copies from the context only files that exist and that the ignore file lets through', () => {
    const allowed = IGNORE.split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const sources = stages.flatMap((s) => stepsOf(s, 'COPY')).filter((c) => !c.startsWith('--from'))
      .flatMap((c) => c.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), source).toBe(true);
      expect(allowed.some((a) => source === a || source.startsWith(`${a}/`)), `${source} is filtered out of the build context`).toBe(true);
    }
  });
});

describe('compose.yaml', () => {
  let service: Record<string, unknown>;
  beforeAll(async () => {
    const file = await compose();
    service = (file['services'] as Record<string, Record<string, unknown>>)['mamori']!;
  });

  it('host networking (layer 2 discovery), CAP_NET_RAW as the only capability, no privilege escalation', () => {
    expect(service['network_mode']).toBe('host');
    expect(service['cap_drop']).toEqual(['ALL']);
    expect(service['cap_add']).toEqual(['NET_RAW']);
    expect(service['privileged']).toBeUndefined();
    expect(service['user']).toBeUndefined(); // the image's non-root USER applies
    expect(service['security_opt']).toEqual(['no-new-privileges:true']);
    expect(service['ports']).toBeUndefined(); // meaningless with host networking, and nothing to publish
    expect(service['read_only']).toBe(true);
  });

  it('builds the Containerfile from the repository root and keeps the data in a volume at /data', () => {
    const build = service['build'] as { context: string; dockerfile: string };
    expect(existsSync(join(ROOT, 'deploy/container', build.context, build.dockerfile))).toBe(true);
    expect(service['volumes']).toEqual(['mamori-data:/data', '/etc/localtime:/etc/localtime:ro']);
    expect((service['environment'] as Record<string, string>)['MAMORI_LOGIN_CHECKS']).toBe('no');
  });
});

describe('deploy/healthcheck.mjs (the HEALTHCHECK and install.sh use it)', () => {
  let test: TestAppliance;
  beforeAll(async () => { test = await startTestAppliance(); });
  afterAll(async () => { await test?.stop(); });

  function check(env: Record<string, string>, args: string[] = []): Promise<number> {
    return new Promise((resolve) => {
      execFile(process.execPath, [join(ROOT, 'deploy/healthcheck.mjs'), ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 10_000 },
        (error) => resolve(error ? (typeof error.code === 'number' ? error.code : -1) : 0));
    });
  }

  it('exits 0 when the appliance answers, 1 when nothing listens', async () => {
    const port = new URL(test.origin).port;
    expect(await check({ MAMORI_HOST: '0.0.0.0', MAMORI_PORT: port })).toBe(0);
    expect(await check({}, ['127.0.0.1', port])).toBe(0);
    await test.stop();
    expect(await check({ MAMORI_HOST: '0.0.0.0', MAMORI_PORT: port })).toBe(1);
  });
});
