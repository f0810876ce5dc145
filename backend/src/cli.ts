#!/usr/bin/env -S node --max-semi-space-size=4
// `mamori scan …`: a headless run of the same pipeline as the appliance (shared/contract/scan-result.md).
// Exit status: 0 scan completed, 1 scan failed or was interrupted, 2 bad arguments or refused scope.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseScanArgs, USAGE, UsageError, type ScanArgs } from './cli/args.js';
import { auditFile } from './cli/audit.js';
import { formatSummary } from './cli/summary.js';
import { DEFAULT_TUNING } from './config/tuning.js';
import { EventBus } from './core/events.js';
import { createLogger } from './core/logger.js';
import { createPluginSet, tuningWithPorts } from './plugin-set.js';
import { runScan } from './pipeline/runner.js';
import { planScan } from './scope/resolve.js';
import { AuditLog } from './storage/audit.js';
import { applyInstalledCatalogue, CATALOGUE_FILE } from './storage/catalogue-store.js';

const out = (line: string): void => { process.stdout.write(line + '\n'); };
const err = (line: string): void => { process.stderr.write(line + '\n'); };

// The commands other than `scan`, each loaded only when asked for: a scan does not carry the report's
// PDF engine, the evidence packer or the backup code (~5 MB of RSS at its peak, measured).
const OTHER_COMMANDS: ReadonlyMap<string, (name: string, rest: string[]) => Promise<number>> = new Map([
  ['audit', async (_name: string, rest: string[]) => (await import('./cli/audit.js')).runAuditCommand(rest, out)],
  ['backup', async (_name: string, rest: string[]) => (await import('./cli/backup.js')).runBackupCommand(rest, out)],
  ['data', async (_name: string, rest: string[]) => (await import('./cli/data.js')).runDataCommand(rest, { out, err })],
  ['report', runReport],
  ['export', runReport],
  ['evidence', async (_name: string, rest: string[]) => (await import('./cli/evidence.js')).runEvidenceCommand(rest, out, err)],
]);

async function runReport(name: string, rest: string[]): Promise<number> {
  const { runReportCommand } = await import('./cli/report.js');
  return runReportCommand(name as 'report' | 'export', rest, { out, err, stdout: (bytes) => process.stdout.write(bytes) });
}

async function main(argv: string[]): Promise<number> {
  let args: ScanArgs;
  try {
    const [name, ...rest] = argv;
    const command = name === undefined ? undefined : OTHER_COMMANDS.get(name);
    if (command) return await command(name!, rest);
    args = parseScanArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mamori: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const plan = planScan(args.cidrs, args.interfaceName, { allowPublic: args.allowPublic, allowLarge: args.allowLarge });
  if (!plan.ok) {
    for (const message of plan.errors) process.stderr.write(`mamori: refused: ${message}\n`);
    return 2;
  }

  const log = createLogger({ level: process.env['MAMORI_LOG_LEVEL'] === 'debug' ? 'debug' : args.quiet ? 'error' : 'warn' });
  // A newer signed software catalogue installed with `mamori data update` (verified again here).
  applyInstalledCatalogue(join(resolve(process.env['MAMORI_DATA_DIR'] ?? './data'), CATALOGUE_FILE));
  const engine = createPluginSet();
  const bus = new EventBus();
  if (!args.quiet) reportProgress(bus);
  const controller = new AbortController();
  const interrupt = (): void => {
    process.stderr.write('\nmamori: interrupted, finishing what is under way…\n');
    controller.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  // Login attempts are evidence of due care and of what was touched: they go to the audit trail.
  const audit = args.loginChecks ? new AuditLog(auditFile(undefined)) : null;
  const pendingAudit: Array<Promise<unknown>> = [];
  if (audit) {
    bus.on('check:attempt', ({ scanId, attempt }) => {
      pendingAudit.push(audit.append({ actor: 'cli', action: 'credential-attempt', details: { scanId, ...attempt } }));
    });
  }

  const result = await runScan({
    targets: plan.targets,
    interfaceName: plan.interfaceName,
    interfaceAddress: plan.interfaceAddress,
    networks: plan.networks,
    loginChecks: args.loginChecks,
    ...(args.site ? { site: args.site } : {}),
  }, { plugins: args.discoverOnly ? { ...engine.plugins, probes: [], checks: [] } : engine.plugins, bus, log, tuning: tuningWithPorts(DEFAULT_TUNING, args.ports) }, controller.signal);

  const auditFailures = (await Promise.allSettled(pendingAudit)).filter((r) => r.status === 'rejected');
  if (auditFailures.length > 0) process.stderr.write(`mamori: ${auditFailures.length} audit entries could not be written\n`);

  const json = JSON.stringify(result, null, 2) + '\n';
  const summary = formatSummary(result);
  if (args.json === '-') {
    process.stdout.write(json);
    if (!args.quiet) process.stderr.write(summary);
  } else {
    if (args.json) await writeFile(args.json, json, { mode: 0o600 });
    if (!args.quiet || !args.json) process.stdout.write(summary);
  }
  return result.scan.status === 'completed' ? 0 : 1;
}

function reportProgress(bus: EventBus): void {
  let lastStage = '';
  bus.on('scan:progress', (p) => {
    if (p.stage !== lastStage) {
      lastStage = p.stage;
      process.stderr.write(`[${String(p.percent).padStart(3)}%] ${p.stage}\n`);
    }
  });
  bus.on('device:found', ({ device }) => process.stderr.write(`        found ${device.ip} ${device.mac ?? ''}\n`));
  // A finding raised again (its risk re-assessed at the end of the checks) is printed once.
  const printed = new Set<string>();
  bus.on('finding:raised', ({ finding }) => {
    if (printed.has(finding.key)) return;
    printed.add(finding.key);
    process.stderr.write(`        ${finding.severity}: ${finding.title} on ${finding.ip}:${finding.port}\n`);
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`mamori: scan failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
