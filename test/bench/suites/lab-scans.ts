// Discovery, open ports and the full audit on the lab /24: Mamori's CLI and the reference tools,
// interleaved round by round (so load from other engineers hits all tools alike), each run cold.
import { IOT_TCP_PORTS } from '../../../backend/src/config/tuning.js';
import { expected, flushNeighbours, scannerNamespace, type Expected } from '../lab.js';
import { parseNmapXml } from '../nmap-xml.js';
import { maxOf, median, runTimed, type TimedRun } from '../proc.js';
import { nmapWeaknesses, scoreFindings, scoreHosts, scorePorts, type Found } from '../score.js';
import { mamoriScan, stageSpan, type MamoriRun } from './mamori-cli.js';
import type { Round, ToolMeasure } from './types.js';

export interface LabScanOptions {
  rounds: number;
  referenceAuditRounds: number;
  log: (line: string) => void;
  /** The previous build's CLI, measured the same way beside the current one. */
  baseline?: { label: string; cli: string } | null;
}

interface Tool {
  name: string;
  command: string;
  timeLabel: string;
  rounds?: number;
  once: (ns: string, lab: Expected) => Promise<Round>;
}

const NSE_SCRIPTS = 'http-default-accounts,ftp-anon,telnet-brute,mqtt-subscribe,snmp-sysdescr,ssl-cert,broadcast-dns-service-discovery,broadcast-upnp-info';
// Gentle, like Mamori: stop at the first valid pair per service, give up guessing after 10 s.
const NSE_ARGS = 'brute.firstonly=true,unpwdb.timelimit=10s';

function round(run: TimedRun, found: Found | null, timeMs: number | null = run.wallMs, detail?: Record<string, unknown>): Round {
  return { timeMs, wallMs: run.wallMs, rssKiB: run.maxRssKiB, load1: run.load1, code: run.timedOut ? -9 : run.code, found, detail };
}

/** When the CLI's progress had named every expected host ("found <ip>"), ms since spawn. */
function allSeenAt(run: TimedRun, lab: Expected): number | null {
  const times = lab.devices.map((d) => run.lines.find((l) => l.line.trim().startsWith(`found ${d.ip} `) || l.line.trim() === `found ${d.ip}`)?.atMs ?? null);
  return times.every((t) => t !== null) ? Math.max(...(times as number[])) : null;
}

function nmapOpenPorts(xml: string): string[] {
  return parseNmapXml(xml).hosts.flatMap((h) => h.ports.filter((p) => p.protocol === 'tcp' && p.state === 'open').map((p) => `${h.ip}:${p.port}`));
}

/** Mamori's own figures beyond wall time: first device, first finding, the longest serial chain. */
function streamingDetail(m: MamoriRun): Record<string, unknown> {
  return { firstDeviceMs: m.firstDeviceMs, firstFindingMs: m.firstFindingMs, longestChain: m.longestChain };
}

function discoveryTools(lab: Expected, baseline: LabScanOptions['baseline']): Tool[] {
  const mamoriDiscovery = (name: string, cli?: string): Tool => ({
    name, command: `mamori scan --cidr ${lab.subnet} --discover-only${cli ? ` (${name})` : ''}`, timeLabel: 'wall',
    async once(ns) {
      const m = await mamoriScan(ns, ['--cidr', lab.subnet, '--discover-only'], 60_000, { cli });
      return round(m.run, m.result ? scoreHosts(m.result.devices.map((d) => d.ip), lab) : null, m.run.wallMs,
        { inProcessMs: m.result?.scan.stats.durationMs ?? null, allExpectedSeenMs: allSeenAt(m.run, lab), ...streamingDetail(m) });
    },
  });
  return [
    mamoriDiscovery('mamori'),
    {
      name: 'arp-scan', command: `arp-scan -I ${lab.scanner.interface} -q -x ${lab.subnet}`, timeLabel: 'wall',
      async once(ns) {
        const run = await runTimed('arp-scan', ['-I', lab.scanner.interface, '-q', '-x', lab.subnet], { namespace: ns, timeoutMs: 60_000 });
        const ips = run.stdout.split('\n').map((l) => l.split('\t')[0]!).filter((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip));
        return round(run, scoreHosts(ips, lab));
      },
    },
    {
      name: 'nmap -sn', command: `nmap -sn -n ${lab.subnet}`, timeLabel: 'wall',
      async once(ns) {
        const run = await runTimed('nmap', ['-sn', '-n', '-oX', '-', lab.subnet], { namespace: ns, timeoutMs: 120_000 });
        return round(run, scoreHosts(parseNmapXml(run.stdout).hosts.filter((h) => h.up).map((h) => h.ip), lab));
      },
    },
    ...(baseline ? [mamoriDiscovery(baseline.label, baseline.cli)] : []),
  ];
}

function portTools(lab: Expected): Tool[] {
  const list = IOT_TCP_PORTS.join(',');
  const live = lab.devices.map((d) => d.ip);
  return [
    {
      name: 'mamori', command: `mamori scan --cidr ${lab.subnet} --no-login-checks --ports <IOT_TCP_PORTS>`,
      timeLabel: 'probing stage (connect scan + service id)',
      async once(ns) {
        const m = await mamoriScan(ns, ['--cidr', lab.subnet, '--no-login-checks', '--ports', list], 120_000);
        const open = (m.result?.devices ?? []).flatMap((d) => d.services.filter((s) => s.transport === 'tcp').map((s) => `${d.ip}:${s.port}`));
        return round(m.run, m.result ? scorePorts(open, lab) : null, stageSpan(m, 'probing', 'checks'),
          { toChecksMs: m.stages['checks'] ?? null });
      },
    },
    {
      name: 'nmap -sT', command: `nmap -sT -n -Pn -p <IOT_TCP_PORTS> <${live.length} live hosts>`, timeLabel: 'wall',
      async once(ns) {
        const run = await runTimed('nmap', ['-sT', '-n', '-Pn', '-p', list, '-oX', '-', ...live], { namespace: ns, timeoutMs: 300_000 });
        return round(run, scorePorts(nmapOpenPorts(run.stdout), lab));
      },
    },
  ];
}

function auditTools(lab: Expected, referenceRounds: number, baseline: LabScanOptions['baseline']): Tool[] {
  const list = IOT_TCP_PORTS.join(',');
  const mamoriAudit = (name: string, cli?: string): Tool => ({
    name, command: `mamori scan --cidr ${lab.subnet} (all checks, login checks on)${cli ? ` (${name})` : ''}`, timeLabel: 'wall',
    async once(ns) {
      const m = await mamoriScan(ns, ['--cidr', lab.subnet], 300_000, { cli });
      const score = m.result ? scoreFindings(m.result.findings, lab) : null;
      return round(m.run, score, m.run.wallMs, {
        stagesMs: m.stages, inProcessMs: m.result?.scan.stats.durationMs ?? null, findings: m.result?.findings.length ?? null,
        findingKeys: m.result ? m.result.findings.map((f) => f.key ?? '').sort() : null, ...streamingDetail(m),
      });
    },
  });
  return [
    mamoriAudit('mamori'),
    {
      name: 'nmap -sV + NSE', rounds: referenceRounds, timeLabel: 'wall',
      command: `nmap -n -sT -sU -sV -p T:<IOT_TCP_PORTS>,U:161 --exclude ${lab.scanner.ip} --script ${NSE_SCRIPTS} --script-args ${NSE_ARGS} ${lab.subnet}`,
      async once(ns) {
        const run = await runTimed('nmap', ['-n', '-sT', '-sU', '-sV', '-p', `T:${list},U:161`, '--exclude', lab.scanner.ip,
          '--script', NSE_SCRIPTS, '--script-args', NSE_ARGS, '--host-timeout', '300s', '-oX', '-', lab.subnet], { namespace: ns, timeoutMs: 600_000 });
        const { explicit, derived } = nmapWeaknesses(parseNmapXml(run.stdout));
        const both = scoreFindings([...explicit, ...derived], lab);
        const onlyExplicit = scoreFindings(explicit, lab);
        return round(run, both, run.wallMs, { explicitFound: onlyExplicit.found, derivedFound: both.found - onlyExplicit.found, byFamily: both.byFamily });
      },
    },
    ...(baseline ? [mamoriAudit(baseline.label, baseline.cli)] : []),
  ];
}

async function measureSuite(suite: string, tools: Tool[], options: LabScanOptions): Promise<ToolMeasure[]> {
  const ns = scannerNamespace();
  const lab = expected();
  const rounds: Round[][] = tools.map(() => []);
  const most = Math.max(...tools.map((t) => t.rounds ?? options.rounds));
  for (let r = 0; r < most; r++) {
    for (const [i, tool] of tools.entries()) {
      if (r >= (tool.rounds ?? options.rounds)) continue;
      await flushNeighbours(ns);
      const result = await tool.once(ns, lab);
      rounds[i]!.push(result);
      options.log(`  ${suite} round ${r + 1} ${tool.name}: ${result.timeMs?.toFixed(0) ?? '–'} ms, found ${result.found ? `${result.found.found}/${result.found.of}` : 'n/a'}, load ${result.load1.toFixed(2)}`);
    }
  }
  const measures = tools.map((tool, i): ToolMeasure => {
    const rs = rounds[i]!;
    const worst = rs.map((x) => x.found).filter((f): f is Found => f !== null).sort((a, b) => a.found - b.found)[0] ?? null;
    const failed = rs.filter((x) => x.code !== 0).length;
    return {
      suite, tool: tool.name, command: tool.command, timeLabel: tool.timeLabel, rounds: rs,
      medianMs: median(rs.map((x) => x.timeMs ?? NaN)), peakRssKiB: maxOf(rs.map((x) => x.rssKiB)), found: worst, ratio: null,
      notes: failed ? [`${failed} of ${rs.length} runs exited non-zero or timed out`] : [],
    };
  });
  // The first reference tool is the yardstick for the ratio.
  const reference = measures[1]?.medianMs;
  for (const m of measures) m.ratio = m.medianMs !== null && reference ? m.medianMs / reference : null;
  return measures;
}

export async function labScanSuites(options: LabScanOptions): Promise<ToolMeasure[]> {
  const lab = expected();
  options.log('discovery of the lab /24');
  const discovery = await measureSuite('discovery', discoveryTools(lab, options.baseline), options);
  options.log('open ports on the IoT port list');
  const ports = await measureSuite('ports', portTools(lab), options);
  options.log('full audit');
  const audit = await measureSuite('audit', auditTools(lab, options.referenceAuditRounds, options.baseline), options);
  return [...discovery, ...ports, ...audit];
}
