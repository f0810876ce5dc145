// `npm run bench` (issue 8): Mamori against the reference tools on the lab, the appliance in a
// real browser, the dashboard's weight, the OUI table, and a /22 scale lab. Results to standard
// output and bench/results/<timestamp>.json + .md (gitignored). Not part of `npm test` or CI.
//
//   npm run bench -- [--rounds 5] [--reference-audit-rounds 2] [--appliance-rounds 3]
//                    [--scale-rounds 3] [--scale-hosts 260] [--skip lab,appliance,static,scale]
//                    [--profile] [--keep-lab] [--baseline REF|none]
//
// --baseline: the build to compare with, measured in the same run (a git worktree of REF, built in
// a temporary directory). Default: the commit before the streaming pipeline began.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { expected, lab, labName, ROOT, scannerNamespace } from './lab.js';
import { summariseProfiles, type ProfileSummary } from './profile.js';
import { prepareBaseline, defaultBaselineRef, type Baseline } from './baseline.js';
import { goals, renderMarkdown, streamingGoals, type BenchResults } from './report.js';
import { applianceSuite } from './suites/appliance.js';
import { labScanSuites } from './suites/lab-scans.js';
import { mamoriScan, shippedNodeFlags } from './suites/mamori-cli.js';
import { reportMarkdown, reportSuite, type ReportFigures } from './suites/report.js';
import { scaleLabEnv, scaleSuite } from './suites/scale.js';
import { dashboardSize, ouiTable } from './suites/static.js';

const SUITES = ['lab', 'appliance', 'static', 'scale'] as const;

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv, strict: true, options: {
      rounds: { type: 'string', default: '5' },
      'reference-audit-rounds': { type: 'string', default: '2' },
      'appliance-rounds': { type: 'string', default: '3' },
      'scale-rounds': { type: 'string', default: '3' },
      'scale-hosts': { type: 'string', default: '260' },
      skip: { type: 'string', default: '' },
      profile: { type: 'boolean', default: false },
      'keep-lab': { type: 'boolean', default: false },
      baseline: { type: 'string' },
    },
  });
  const int = (name: string, v: string, lo: number, hi: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`--${name} must be an integer ${lo}..${hi}`);
    return n;
  };
  const skip = new Set(values.skip.split(',').map((s) => s.trim()).filter(Boolean));
  for (const s of skip) if (!(SUITES as readonly string[]).includes(s)) throw new Error(`--skip: unknown suite "${s}" (${SUITES.join(', ')})`);
  return {
    rounds: int('rounds', values.rounds, 1, 50),
    referenceAuditRounds: int('reference-audit-rounds', values['reference-audit-rounds'], 1, 20),
    applianceRounds: int('appliance-rounds', values['appliance-rounds'], 1, 20),
    scaleRounds: int('scale-rounds', values['scale-rounds'], 1, 20),
    scaleHosts: int('scale-hosts', values['scale-hosts'], 250, 1000),
    skip,
    profile: values.profile,
    keepLab: values['keep-lab'],
    /** The previous build to measure beside this one: a git ref, or "none". */
    baseline: values.baseline ?? defaultBaselineRef(),
  };
}

const log = (line: string): void => { process.stderr.write(`[bench] ${line}\n`); };

function ensureBuilt(): void {
  // Build only what is missing: rebuilding the shared dist/ would pull it from under others' tests.
  if (!existsSync(join(ROOT, 'backend/dist/cli.js'))) {
    log('backend/dist missing: npm run build:backend');
    try { execFileSync('npm', ['run', '--silent', 'build:backend'], { cwd: ROOT, stdio: 'inherit' }); } catch { /* tsc emits despite type errors */ }
  }
  if (!existsSync(join(ROOT, 'frontend/dist/index.html'))) {
    log('frontend/dist missing: npm run build:frontend');
    execFileSync('npm', ['run', '--silent', 'build:frontend'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (!existsSync(join(ROOT, 'backend/dist/cli.js'))) throw new Error('backend/dist/cli.js is missing and could not be built');
}

async function profileAudit(dir: string): Promise<ProfileSummary[]> {
  const subnet = expected().subnet;
  mkdirSync(dir, { recursive: true });
  await mamoriScan(scannerNamespace(), ['--cidr', subnet], 300_000, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
  return summariseProfiles(dir);
}

async function main(): Promise<void> {
  process.env['LAB_NAME'] = labName();
  const opts = options(process.argv.slice(2));
  if (process.getuid?.() !== 0) throw new Error('the bench needs root: it builds network namespaces (test/lab, test/bench/scale-lab.sh)');
  ensureBuilt();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = join(ROOT, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const results: BenchResults & { profile?: ProfileSummary[]; report?: ReportFigures } = {
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, kernel: release(), loadBefore: loadavg() },
    options: { ...opts, skip: [...opts.skip], labName: labName(), nodeFlags: shippedNodeFlags(ROOT, 'mamori') },
    lab: [], appliance: null, dashboard: null, oui: null, scale: null, errors: [], baseline: null,
  };
  let baseline: Baseline | null = null;
  if (opts.baseline !== 'none') {
    try {
      baseline = prepareBaseline(opts.baseline, log);
      results.baseline = { ref: baseline.ref, commit: baseline.commit, nodeFlags: shippedNodeFlags(dirname(dirname(dirname(baseline.cli))), 'mamori') };
    } catch (error) {
      results.errors.push(`baseline: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const previous = baseline ? { label: `previous ${baseline.commit}`, cli: baseline.cli } : null;
  const attempt = async (name: string, work: () => Promise<void>): Promise<void> => {
    try { await work(); } catch (error) {
      const message = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      results.errors.push(message);
      log(`FAILED ${message}`);
    }
  };
  // Ctrl-C: take down what we brought up, by the scripts' own records, then leave.
  process.once('SIGINT', () => {
    log('interrupted: taking the labs down');
    try { execFileSync('bash', [join(ROOT, 'test/bench/scale-lab.sh'), 'down'], { stdio: 'inherit', env: scaleLabEnv() }); } catch { /* reported by the script */ }
    baseline?.dispose();
    if (!opts.keepLab) try { execFileSync('bash', [join(ROOT, 'test/lab/lab.sh'), 'down'], { stdio: 'inherit', env: process.env }); } catch { /* idem */ }
    process.exit(130);
  });

  const needsLab = !opts.skip.has('lab') || !opts.skip.has('appliance') || opts.profile;
  try {
    let labUp = false;
    if (needsLab) {
      // One retry: the lab waits at most 20 s for its daemons, which a loaded machine can miss.
      for (let i = 0; i < 2 && !labUp; i++) {
        log(`lab up (LAB_NAME=${labName()})`);
        await attempt('lab up', async () => { await lab('up', ['--ttl', '3600']); labUp = true; });
      }
    }
    if (!labUp) log('no lab: skipping the lab, appliance and profile suites');
    else if (!opts.skip.has('lab')) await attempt('lab', async () => { results.lab = await labScanSuites({ rounds: opts.rounds, referenceAuditRounds: opts.referenceAuditRounds, log, baseline: previous }); });
    if (labUp && !opts.skip.has('appliance')) await attempt('appliance', async () => { log('appliance + browser'); results.appliance = await applianceSuite(opts.applianceRounds, log); });
    if (labUp && opts.profile) await attempt('profile', async () => { log('cpu profile of one full audit'); results.profile = await profileAudit(join(outDir, `${stamp}-cpuprofile`)); });
  } finally {
    if (needsLab && !opts.keepLab) await lab('down').catch((error: unknown) => results.errors.push(`lab down: ${String(error)}`));
  }
  if (!opts.skip.has('static')) {
    await attempt('dashboard', async () => { log('dashboard build (private outDir)'); results.dashboard = await dashboardSize(); });
    await attempt('oui', async () => { log('OUI table'); results.oui = await ouiTable(Math.min(opts.rounds, 3)); });
    await attempt('report', async () => { log('handover report PDF'); results.report = await reportSuite(Math.min(opts.rounds, 3)); });
  }
  if (!opts.skip.has('scale')) await attempt('scale', async () => { log(`scale lab: ${opts.scaleHosts} hosts on a /22`); results.scale = await scaleSuite(opts.scaleRounds, opts.scaleHosts, log, previous); });
  baseline?.dispose();

  results.finishedAt = new Date().toISOString();
  results.machine.loadAfter = loadavg();
  const md = renderMarkdown(results) + (results.report ? reportMarkdown(results.report) : '') + (results.profile ? profileMarkdown(results.profile) : '');
  writeFileSync(join(outDir, `${stamp}.json`), JSON.stringify({ ...results, goals: [...goals(results), ...streamingGoals(results)] }, null, 2) + '\n');
  writeFileSync(join(outDir, `${stamp}.md`), md);
  process.stdout.write(md);
  log(`results: bench/results/${stamp}.json and .md`);
}

function profileMarkdown(profiles: ProfileSummary[]): string {
  return ['', '## CPU profile of one full lab audit (node --cpu-prof)', '', ...profiles.flatMap((p) => [
    `${p.file}: ${p.wallMs.toFixed(0)} ms wall, ${p.cpuMs.toFixed(0)} ms on CPU. Top self time:`, '',
    ...p.top.map((t) => `- ${t.selfMs.toFixed(1)} ms (${(t.share * 100).toFixed(1)} %) ${t.fn}`), '',
  ])].join('\n');
}


main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
