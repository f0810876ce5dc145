// The bench's table (standard output and .md) and the budget from issue 8, each figure next to
// its goal. Goals are goals: a miss is reported, never turned into a failure.
import type { ApplianceRound } from './suites/appliance.js';
import type { ScaleResult } from './suites/scale.js';
import type { DashboardSize, OuiFigures } from './suites/static.js';
import type { ToolMeasure } from './suites/types.js';
import { median } from './proc.js';

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; node: string; kernel: string; loadBefore: number[]; loadAfter?: number[] };
  options: Record<string, unknown>;
  lab: ToolMeasure[];
  appliance: ApplianceRound[] | null;
  dashboard: DashboardSize | null;
  oui: OuiFigures | null;
  scale: ScaleResult | null;
  errors: string[];
  /** The previous build measured beside this one (test/bench/baseline.ts). */
  baseline?: { ref: string; commit: string; nodeFlags?: string[] } | null;
}

export interface Goal { name: string; value: number | null; unit: string; goal: string; met: boolean | null }

const MB = 1e6;
const kib = (v: number | null): number | null => (v === null ? null : (v * 1024) / MB);
const fmt = (v: number | null | undefined, digits = 0): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));

function pick(r: BenchResults, suite: string, tool: string): ToolMeasure | undefined {
  return [...r.lab, ...(r.scale?.measures ?? [])].find((m) => m.suite === suite && m.tool === tool);
}

const detailMedian = (m: ToolMeasure | undefined, key: string): number | null =>
  (m ? median(m.rounds.map((x) => Number(x.detail?.[key] ?? NaN))) : null);

/** The streaming pipeline's targets (issue 15), each against the previous build measured in the same run. */
export function streamingGoals(r: BenchResults): Goal[] {
  if (!r.baseline) return [];
  const label = `previous ${r.baseline.commit}`;
  const audit = pick(r, 'audit', 'mamori');
  const before = pick(r, 'audit', label);
  const scaleAudit = pick(r, 'scale /22', 'mamori audit');
  const scaleBefore = pick(r, 'scale /22', `mamori audit (${label})`);
  const g = (name: string, value: number | null, unit: string, goal: string, ok: (v: number) => boolean): Goal =>
    ({ name, value, unit, goal, met: value === null ? null : ok(value) });
  const ratio = (a: number | null | undefined, b: number | null | undefined): number | null => (a != null && b ? a / b : null);
  const first = detailMedian(audit, 'firstFindingMs');
  return [
    g('scan start → first finding (lab audit, median)', first === null ? null : first / 1000, 's', '≤ 1.5 s', (v) => v <= 1.5),
    g('full lab audit vs the previous build (median wall)', ratio(audit?.medianMs, before?.medianMs), '×', '≤ 0.7 ×', (v) => v <= 0.7),
    g('/22 scale audit (median wall)', scaleAudit?.medianMs != null ? scaleAudit.medianMs / 1000 : null, 's', '≤ 20 s', (v) => v <= 20),
    g('peak RSS of the lab audit vs the previous build', ratio(audit?.peakRssKiB, before?.peakRssKiB), '×', '≤ 1 ×', (v) => v <= 1),
    g('peak RSS of the /22 audit vs the previous build', ratio(scaleAudit?.peakRssKiB, scaleBefore?.peakRssKiB), '×', '≤ 1 ×', (v) => v <= 1),
  ];
}

/** This build and the previous one side by side, with the reference tools, and the serial floor. */
export function streamingMarkdown(r: BenchResults): string[] {
  if (!r.baseline) return [];
  const label = `previous ${r.baseline.commit}`;
  const now = { disc: pick(r, 'discovery', 'mamori'), audit: pick(r, 'audit', 'mamori'), scale: pick(r, 'scale /22', 'mamori audit') };
  const then = { disc: pick(r, 'discovery', label), audit: pick(r, 'audit', label), scale: pick(r, 'scale /22', `mamori audit (${label})`) };
  const ref = { arp: pick(r, 'discovery', 'arp-scan'), nmap: pick(r, 'audit', 'nmap -sV + NSE'), scaleArp: pick(r, 'scale /22', 'arp-scan') };
  const s = (v: number | null | undefined): string => (v == null ? '–' : `${fmt(v / 1000, 2)} s`);
  const mb = (v: number | null | undefined): string => (v == null ? '–' : `${fmt(kib(v), 1)} MB`);
  const rows: string[][] = [
    ['full lab audit (median wall)', s(now.audit?.medianMs), s(then.audit?.medianMs), `nmap -sV + NSE ${s(ref.nmap?.medianMs)}`],
    ['scan start → first finding (lab audit, median)', s(detailMedian(now.audit, 'firstFindingMs')), s(detailMedian(then.audit, 'firstFindingMs')), '–'],
    ['scan start → first device (discovery runs, median)', s(detailMedian(now.disc, 'firstDeviceMs')), s(detailMedian(then.disc, 'firstDeviceMs')), `arp-scan whole sweep ${s(ref.arp?.medianMs)}`],
    ['discovery of the lab /24 (median wall)', s(now.disc?.medianMs), s(then.disc?.medianMs), `arp-scan ${s(ref.arp?.medianMs)}`],
    ['/22 scale audit (median wall)', s(now.scale?.medianMs), s(then.scale?.medianMs), `arp-scan sweep ${s(ref.scaleArp?.medianMs)}`],
    ['peak RSS, lab audit', mb(now.audit?.peakRssKiB), mb(then.audit?.peakRssKiB), `nmap ${mb(ref.nmap?.peakRssKiB)}`],
    ['peak RSS, /22 audit', mb(now.scale?.peakRssKiB), mb(then.scale?.peakRssKiB), '–'],
  ];
  const out = [`## Streaming pipeline vs the previous build (${r.baseline.ref} = ${r.baseline.commit}), same run`, ''];
  out.push(...table(['figure', 'this build', `previous ${r.baseline.commit}`, 'reference'], rows), '');
  const flags = (f: unknown): string => (Array.isArray(f) && f.length > 0 ? `\`node ${f.join(' ')}\`` : 'plain `node`');
  out.push(`Each build runs the way its package.json ships its command: this build ${flags(r.options['nodeFlags'])}, the previous one ${flags(r.baseline.nodeFlags)}.`, '');
  for (const [what, measure] of [['this lab', now.audit], ['the /22 scale lab', now.scale]] as const) {
    const chains = (measure?.rounds ?? []).map((x) => x.detail?.['longestChain'] as { where: string; checkId: string; tries: number; startMs: number; spanMs: number } | null)
      .filter((c): c is NonNullable<typeof c> => c != null);
    const floor = chains.sort((a, b) => a.spanMs - b.spanMs)[Math.floor(chains.length / 2)];
    if (!floor) continue;
    out.push(`Serial floor on ${what} (median round): ${floor.checkId} on ${floor.where}, ${floor.tries} tries one after the other, `
      + `${fmt(floor.spanMs / 1000, 2)} s from the first try to the last answer, starting ${fmt(floor.startMs / 1000, 2)} s into the scan: `
      + `that scan cannot end before ${fmt((floor.startMs + floor.spanMs) / 1000, 2)} s without trying faster (see docs/performance.md).`, '');
  }
  const keys = (m: ToolMeasure | undefined): string => JSON.stringify(m?.rounds.at(-1)?.detail?.['findingKeys'] ?? null);
  if (now.audit && then.audit) out.push(`Finding keys, last round: ${keys(now.audit) === keys(then.audit) ? 'identical in both builds' : '**differ between the builds**'}.`, '');
  out.push(...table(['target', 'value', 'goal', ''], streamingGoals(r).map((g) => [g.name, `${fmt(g.value, 2)} ${g.unit}`, g.goal, g.met === null ? 'not measured' : g.met ? 'met' : '**missed**'])), '');
  return out;
}

export function goals(r: BenchResults): Goal[] {
  const disc = pick(r, 'discovery', 'mamori');
  const audit = pick(r, 'audit', 'mamori');
  const scaleAudit = pick(r, 'scale /22', 'mamori audit');
  const app = r.appliance ?? [];
  const idle = Math.max(...app.map((a) => a.idleRssKiB ?? 0));
  const busy = Math.max(...app.map((a) => a.scanPeakRssKiB ?? 0));
  const first = median(app.map((a) => a.clickToFirstDeviceMs ?? NaN));
  const g = (name: string, value: number | null, unit: string, goal: string, ok: (v: number) => boolean): Goal =>
    ({ name, value, unit, goal, met: value === null ? null : ok(value) });
  return [
    g('discovery of the lab /24 vs arp-scan', disc?.ratio ?? null, '× arp-scan', '≤ 0.5 ×', (v) => v <= 0.5),
    g('full lab audit (median wall)', audit?.medianMs != null ? audit.medianMs / 1000 : null, 's', '≤ 10 s', (v) => v <= 10),
    g('appliance RSS idle (max over rounds)', app.length ? kib(idle) : null, 'MB', '≤ 90 MB', (v) => v <= 90),
    g('appliance RSS during the lab scan (peak)', app.length ? kib(busy) : null, 'MB', '≤ 160 MB', (v) => v <= 160),
    g('/22 scale audit (median wall)', scaleAudit?.medianMs != null ? scaleAudit.medianMs / 1000 : null, 's', '≤ 60 s', (v) => v <= 60),
    g('/22 scale audit peak RSS', kib(scaleAudit?.peakRssKiB ?? null), 'MB', '< 250 MB', (v) => v < 250),
    g('dashboard JS, initial, gzip -9', r.dashboard ? r.dashboard.initialGzipBytes / 1000 : null, 'KB', '≤ 150 KB', (v) => v <= 150),
    g('scan click → first device in the browser (median)', first === null ? null : first / 1000, 's', '≤ 1 s', (v) => v <= 1),
  ];
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

const foundCell = (m: ToolMeasure): string => (m.found ? `${m.found.found}/${m.found.of}${m.found.extra ? ` (+${m.found.extra} extra)` : ''}` : '–');

export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  const loads = [...r.lab, ...(r.scale?.measures ?? [])].flatMap((m) => m.rounds.map((x) => x.load1));
  out.push(`# Mamori bench — ${r.startedAt}`, '');
  out.push(`${r.machine.cpus} CPUs, node ${r.machine.node}, kernel ${r.machine.kernel}. Load average (1 min) before ${r.machine.loadBefore.map((l) => l.toFixed(2)).join(' ')}, `
    + `during runs ${fmt(Math.min(...loads), 2)}–${fmt(Math.max(...loads), 2)}, after ${r.machine.loadAfter?.map((l) => l.toFixed(2)).join(' ') ?? '–'}. `
    + 'The machine is shared: figures are noisy. Every tool runs cold (neighbour table flushed) and tools alternate within each round.', '');
  out.push('## Lab /24 — Mamori vs the reference tools', '');
  out.push(...table(['suite', 'tool', 'median ms', 'timed', 'rounds', 'ratio', 'found vs expected.json (worst round)', 'peak RSS MB'],
    r.lab.map((m) => [m.suite, m.tool, fmt(m.medianMs), m.timeLabel, String(m.rounds.length), m.ratio === null ? '–' : `${fmt(m.ratio, 2)}×`, foundCell(m), fmt(kib(m.peakRssKiB), 1)])));
  out.push('');
  const nm = r.lab.find((m) => m.suite === 'audit' && m.tool !== 'mamori');
  const ma = r.lab.find((m) => m.suite === 'audit' && m.tool === 'mamori');
  if (nm && ma) {
    const last = (m: ToolMeasure): Record<string, unknown> => m.rounds.at(-1)?.detail ?? {};
    const fam = (last(nm)['byFamily'] ?? {}) as Record<string, { found: number; of: number }>;
    const mf = ma.rounds.at(-1)?.found as (ToolMeasure['found'] & { byFamily?: Record<string, { found: number; of: number }> }) | null;
    out.push('Planted weaknesses found, by family (last round):', '');
    out.push(...table(['family', 'planted', 'Mamori', 'nmap (explicit + derived)'],
      Object.keys(fam).map((f) => [f, String(fam[f]!.of), String(mf?.byFamily?.[f]?.found ?? 0), String(fam[f]!.found)])));
    out.push('', `nmap: ${String(last(nm)['explicitFound'] ?? '–')} said so by a script, ${String(last(nm)['derivedFound'] ?? '–')} derived by the bench from service names / certificate fields. `
      + `Mamori reported ${String(last(ma)['findings'] ?? '–')} findings; not planted: ${(mf as { extras?: string[] } | null)?.extras?.join(', ') || 'none'}.`, '');
    const stages = last(ma)['stagesMs'] as Record<string, number | null> | undefined;
    if (stages) out.push(`Mamori audit stages (ms since spawn, last round): ${Object.entries(stages).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}.`, '');
  }
  const disc = r.lab.find((m) => m.suite === 'discovery' && m.tool === 'mamori');
  if (disc) {
    const seen = median(disc.rounds.map((x) => Number(x.detail?.['allExpectedSeenMs'] ?? NaN)));
    const inProc = median(disc.rounds.map((x) => Number(x.detail?.['inProcessMs'] ?? NaN)));
    out.push(`Mamori discovery: every expected host named on stderr after ${fmt(seen)} ms (median); the pipeline's own duration ${fmt(inProc)} ms `
      + '(the rest of the wall time is node start-up and loading). Its discovery also listens for mDNS, SSDP, IPv6 and names, which arp-scan does not.', '');
  }
  for (const m of r.lab) if (m.notes.length) out.push(`- ${m.suite}/${m.tool}: ${m.notes.join('; ')}`);
  out.push('', 'Commands:', '', ...r.lab.map((m) => `- ${m.suite} / ${m.tool}: \`${m.command}\``), '');
  if (r.appliance?.length) {
    out.push('## Appliance (in the lab scanner namespace, scan from a real browser, login checks on)', '');
    out.push(...table(['round', 'start-up to /api/health ms', 'idle RSS MB', 'peak RSS during scan MB', 'click → first device ms', 'scan wall ms', 'devices shown', 'load'],
      r.appliance.map((a, i) => [String(i + 1), fmt(a.startupMs), fmt(kib(a.idleRssKiB), 1), fmt(kib(a.scanPeakRssKiB), 1), fmt(a.clickToFirstDeviceMs), fmt(a.scanWallMs), String(a.devicesShown), a.load1.toFixed(2)])));
    out.push('');
  }
  if (r.dashboard) {
    out.push(`## Dashboard JavaScript`, '', `Initial JS (index.html's module script + modulepreloads): ${r.dashboard.initialJs.map((f) => `${f.file} ${f.bytes} B → ${f.gzipBytes} B gzip`).join('; ')}. `
      + `All JS chunks: ${r.dashboard.allJsGzipBytes} B gzip.`, '');
  }
  if (r.oui) out.push(`## OUI table`, '', `Load ${fmt(r.oui.loadMs, 1)} ms, +${fmt(r.oui.rssMiB, 2)} MiB RSS, +${fmt(r.oui.heapMiB, 2)} MiB heap (median of ${r.oui.rounds.length}, oui-data/measure.ts).`, '');
  if (r.scale) {
    out.push(`## Scale lab: ${r.scale.hosts} live hosts on a /22 (up in ${fmt(r.scale.upMs / 1000, 1)} s)`, '');
    out.push(...table(['tool', 'median ms', 'rounds', 'ratio', 'hosts found (worst round)', 'peak RSS MB'],
      r.scale.measures.map((m) => [m.tool, fmt(m.medianMs), String(m.rounds.length), m.ratio === null ? '–' : `${fmt(m.ratio, 2)}×`, foundCell(m), fmt(kib(m.peakRssKiB), 1)])));
    out.push('', `Kernel "neighbour table overflow" messages during the scale runs: ${r.scale.overflowMessages}.`, '');
  }
  out.push(...streamingMarkdown(r));
  out.push('## Budget (goals, not assertions)', '');
  out.push(...table(['figure', 'value', 'goal', ''], goals(r).map((g) => [g.name, `${fmt(g.value, 2)} ${g.unit}`, g.goal, g.met === null ? 'not measured' : g.met ? 'met' : '**missed**'])));
  if (r.errors.length) out.push('', '## Errors', '', ...r.errors.map((e) => `- ${e}`));
  return out.join('\n') + '\n';
}
