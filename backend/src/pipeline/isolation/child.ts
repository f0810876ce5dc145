// The entry of one scan process (a child process forked by host.ts). It builds its own plug-in set
// from the engine module it is given, runs one scan or one re-test, and sends every bus event, log
// line and login attempt to the appliance. If a hostile answer crashes it or fills its heap, only
// this process ends; the appliance notices and keeps what was already sent.
import { getHeapStatistics } from 'node:v8';
import { EventBus, type ScanEvents } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import { cidrContains, parseCidr } from '../../scope/cidr.js';
import { retestFinding } from '../retest.js';
import { runScan, type ScanPlugins } from '../runner.js';
import { recordAnswers } from './breadcrumb.js';
import type { HostMessage, LogLevelName, RetestJob, ScanJob, WorkerInput, WorkerJob, WorkerMessage } from './messages.js';

if (!process.send) throw new Error('pipeline/isolation/child.ts runs only as a forked scan process');
const channel = process.send.bind(process);
const send = (message: WorkerMessage, then?: () => void): void => {
  // A host that is gone has nothing to hear: the 'disconnect' handler below ends this process.
  if (process.connected) channel(message, undefined, {}, () => then?.());
  else then?.();
};

// An uncaught exception (a parser that throws inside a socket handler) ends this process, after
// the host has heard what it was: the error and its stack, which may name the protocol client.
const crash = (thrown: unknown): void => {
  const error = thrown instanceof Error
    ? { message: `${thrown.name}: ${thrown.message}`, ...(thrown.stack ? { stack: thrown.stack } : {}) }
    : { message: String(thrown) };
  process.stderr.write(`scan process: uncaught ${error.stack ?? error.message}\n`);
  send({ type: 'crashed', error }, () => process.exit(70));
  // Should the channel not drain (a host stuck), the process still ends.
  setTimeout(() => process.exit(70), 2000).unref();
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
// The appliance stopped or died: a scan nobody hears is not worth finishing.
process.on('disconnect', () => process.exit(0));

/** Every event the runner emits goes to the appliance as it is emitted, whatever its name. */
class RelayingBus extends EventBus<ScanEvents> {
  override emit<K extends keyof ScanEvents & string>(name: K, payload: ScanEvents[K]): void {
    send({ type: 'event', name, payload });
    super.emit(name, payload);
  }
}

function relayLogger(scope: string | null): Logger {
  const line = (level: LogLevelName) => (message: string, fields?: Record<string, unknown>): void => {
    send({ type: 'log', level, scope, message, ...(fields ? { fields: cloneable(fields) } : {}) });
  };
  return {
    debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error'),
    child: (name) => relayLogger(scope ? `${scope}:${name}` : name),
  };
}

/** Log fields may hold errors or other things that cannot be cloned: those travel as text. */
function cloneable(fields: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(fields);
  } catch {
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'object' && v !== null ? String(v) : v]));
  }
}

let heapPeak = 0;
const heapUsed = (): number => {
  const used = getHeapStatistics().used_heap_size;
  heapPeak = Math.max(heapPeak, used);
  return used;
};

async function buildPlugins(input: WorkerInput): Promise<ScanPlugins> {
  const module = await import(input.engine.url) as Record<string, unknown>;
  const factory = module[input.engine.exportName];
  if (typeof factory !== 'function') throw new Error(`${input.engine.url} has no function ${input.engine.exportName}`);
  const built = await (factory as (options: unknown) => { plugins: ScanPlugins } | Promise<{ plugins: ScanPlugins }>)(input.engine.options);
  return built.plugins;
}

// Before any plug-in can open a socket: every answer read is noted for the host.
recordAnswers((note) => send(note));

let input: WorkerInput | null = null;
let pluginsReady: Promise<ScanPlugins> | null = null;

async function scan(job: ScanJob, controller: AbortController, log: Logger): Promise<unknown> {
  const plugins = await pluginsReady!;
  return runScan(job.request, { plugins, bus: new RelayingBus(), log, tuning: input!.tuning }, controller.signal, job.scanId as ReturnType<typeof crypto.randomUUID>);
}

async function retest(job: RetestJob, controller: AbortController, log: Logger): Promise<unknown> {
  const { checks } = await pluginsReady!;
  const scope = job.scope.map(parseCidr);
  return retestFinding(job.finding, job.device, {
    checks, tuning: input!.tuning, log, loginChecks: job.loginChecks, loginChecksExcluded: job.loginChecksExcluded,
    inScope: (ip) => scope.some((cidr) => cidrContains(cidr, ip)),
    devices: () => job.devices,
    recordAttempt: (attempt) => send({ type: 'attempt', attempt }),
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(job.timeoutMs)]),
  });
}

async function run(job: WorkerJob, controller: AbortController): Promise<void> {
  const log = relayLogger(null);
  try {
    const result = job.kind === 'scan' ? await scan(job, controller, log) : await retest(job, controller, log);
    heapUsed();
    send({ type: 'done', result, heapPeak, rssPeak: process.resourceUsage().maxRSS * 1024 });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

// The host's watchdog: a process whose event loop stops turning (a parser stuck in a loop) is ended.
setInterval(() => send({ type: 'alive', heapUsed: heapUsed() }), 1000).unref();
// The heap peak logged after each scan (sampled: a figure for sizing the limit, not a guard).
setInterval(heapUsed, 200).unref();
const controller = new AbortController();
process.on('message', (message: HostMessage) => {
  if (message.type === 'start') {
    input = message.input;
    // Loaded at once: a process kept on standby is ready when its scan comes.
    pluginsReady = buildPlugins(input);
    pluginsReady.catch(() => undefined); // reported when a job needs them
  } else if (message.type === 'abort') controller.abort();
  else void run(message.job, controller);
});
