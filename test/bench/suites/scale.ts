// The scale lab (test/bench/scale-lab.sh): a /22 with 250+ live namespaces. Mamori's discovery and
// full audit there, arp-scan's sweep of the same /22 as the yardstick, and the neighbour-table
// overflow messages the kernel logged meanwhile (the table is shared by every namespace).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { flushNeighbours, labName, ROOT } from '../lab.js';
import { maxOf, median, runTimed } from '../proc.js';
import type { Found } from '../score.js';
import { mamoriScan } from './mamori-cli.js';
import type { Round, ToolMeasure } from './types.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'test/bench/scale-lab.sh');

interface ScaleExpected { subnet: string; scanner: { namespace: string; ip: string; interface: string }; hosts: Array<{ ip: string; tcpPorts: number[] }> }

function score(got: Iterable<string>, want: Iterable<string>): Found {
  const w = new Set(want);
  const g = new Set(got);
  return { found: [...g].filter((x) => w.has(x)).length, of: w.size, extra: [...g].filter((x) => !w.has(x)).length, missed: [...w].filter((x) => !g.has(x)).slice(0, 20) };
}

async function overflowMessages(): Promise<number> {
  const { stdout } = await run('dmesg', []).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter((l) => /neighbour table overflow/i.test(l)).length;
}

export interface ScaleResult { hosts: number; measures: ToolMeasure[]; overflowMessages: number; upMs: number }

/** The scale lab's own copy follows the bench's lab name (LAB_NAME=pb → mamori-scpb-*), so two benches never share one. */
function scaleLabName(): string {
  const name = labName();
  return name === 'bench' ? '' : name.replace(/[^a-z0-9]/g, '').slice(0, 8);
}

export function scaleLabEnv(): NodeJS.ProcessEnv {
  return { ...process.env, SCALE_LAB_NAME: scaleLabName() };
}

export async function scaleSuite(rounds: number, hosts: number, log: (line: string) => void, baseline: { label: string; cli: string } | null = null): Promise<ScaleResult> {
  const t0 = performance.now();
  const env = scaleLabEnv();
  await run('bash', [SCRIPT, 'up', '--hosts', String(hosts), '--ttl', '1800'], { timeout: 300_000, env });
  const upMs = performance.now() - t0;
  try {
    const state = `/run/mamori-bench-scale${scaleLabName() ? `-${scaleLabName()}` : ''}`;
    const want = JSON.parse(readFileSync(join(state, 'expected.json'), 'utf8')) as ScaleExpected;
    const ns = want.scanner.namespace;
    const ips = want.hosts.map((h) => h.ip);
    const ports = want.hosts.flatMap((h) => h.tcpPorts.map((p) => `${h.ip}:${p}`));
    const overflowBefore = await overflowMessages();
    const rows: Array<{ tool: string; command: string; rounds: Round[] }> = [
      { tool: 'mamori discovery', command: `mamori scan --cidr ${want.subnet} --discover-only`, rounds: [] },
      { tool: 'arp-scan', command: `arp-scan -I eth0 -q -x ${want.subnet}`, rounds: [] },
      { tool: 'mamori audit', command: `mamori scan --cidr ${want.subnet} (all checks, login checks on)`, rounds: [] },
      ...(baseline ? [{ tool: `mamori audit (${baseline.label})`, command: `mamori scan --cidr ${want.subnet} (all checks, login checks on), ${baseline.label}`, rounds: [] as Round[] }] : []),
    ];
    for (let r = 0; r < rounds; r++) {
      await flushNeighbours(ns);
      const d = await mamoriScan(ns, ['--cidr', want.subnet, '--discover-only'], 300_000);
      rows[0]!.rounds.push({ timeMs: d.run.wallMs, wallMs: d.run.wallMs, rssKiB: d.run.maxRssKiB, load1: d.run.load1, code: d.run.code,
        found: d.result ? score(d.result.devices.map((x) => x.ip), ips) : null, detail: { inProcessMs: d.result?.scan.stats.durationMs ?? null } });
      await flushNeighbours(ns);
      const a = await runTimed('arp-scan', ['-I', want.scanner.interface, '-q', '-x', want.subnet], { namespace: ns, timeoutMs: 120_000 });
      const seen = a.stdout.split('\n').map((l) => l.split('\t')[0]!).filter((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip));
      rows[1]!.rounds.push({ timeMs: a.wallMs, wallMs: a.wallMs, rssKiB: a.maxRssKiB, load1: a.load1, code: a.code, found: score(seen, ips) });
      const audit = async (row: number, cli?: string): Promise<void> => {
        await flushNeighbours(ns);
        const f = await mamoriScan(ns, ['--cidr', want.subnet], 600_000, { cli });
        const open = (f.result?.devices ?? []).flatMap((x) => x.services.filter((s) => s.transport === 'tcp').map((s) => `${x.ip}:${s.port}`));
        rows[row]!.rounds.push({ timeMs: f.run.wallMs, wallMs: f.run.wallMs, rssKiB: f.run.maxRssKiB, load1: f.run.load1, code: f.run.code,
          found: f.result ? score(f.result.devices.map((x) => x.ip), ips) : null,
          detail: { stagesMs: f.stages, openPorts: f.result ? score(open, ports) : null, findings: f.result?.findings.length ?? null,
            firstDeviceMs: f.firstDeviceMs, firstFindingMs: f.firstFindingMs, longestChain: f.longestChain } });
      };
      await audit(2);
      if (baseline) await audit(3, baseline.cli);
      for (const row of rows) {
        const x = row.rounds.at(-1)!;
        log(`  scale round ${r + 1} ${row.tool}: ${x.wallMs.toFixed(0)} ms, ${x.found?.found ?? '?'}/${x.found?.of ?? '?'} hosts, rss ${x.rssKiB ?? '?'} KiB, load ${x.load1.toFixed(2)}`);
      }
    }
    const overflow = (await overflowMessages()) - overflowBefore;
    const measures = rows.map((row): ToolMeasure => ({
      suite: 'scale /22', tool: row.tool, command: row.command, timeLabel: 'wall', rounds: row.rounds,
      medianMs: median(row.rounds.map((x) => x.timeMs ?? NaN)), peakRssKiB: maxOf(row.rounds.map((x) => x.rssKiB)),
      found: row.rounds.map((x) => x.found).filter((x): x is Found => x !== null).sort((p, q) => p.found - q.found)[0] ?? null,
      ratio: null, notes: row.rounds.some((x) => x.code !== 0) ? ['a run exited non-zero'] : [],
    }));
    const ref = measures[1]!.medianMs;
    if (ref && measures[0]!.medianMs !== null) measures[0]!.ratio = measures[0]!.medianMs / ref;
    return { hosts: want.hosts.length, measures, overflowMessages: overflow, upMs };
  } finally {
    await run('bash', [SCRIPT, 'down'], { timeout: 120_000, env });
  }
}
