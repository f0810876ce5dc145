// Brings the lab up once for all end-to-end tests and takes it down afterwards — then proves the
// teardown left nothing behind: no namespace of this lab, no process of this lab.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const LAB_NAME = process.env['LAB_NAME'] ?? '';
const PREFIX = `mamori-${LAB_NAME ? `${LAB_NAME}-` : ''}`;
const STATE_DIR = `/run/mamori-lab${LAB_NAME ? `-${LAB_NAME}` : ''}`;

export function setup(): void {
  if (process.getuid?.() !== 0) throw new Error('end-to-end tests need root: they build the lab with network namespaces');
  if (!existsSync(join(ROOT, 'backend/dist/cli.js'))) throw new Error('build first: npm run build');
  execFileSync('bash', [join(ROOT, 'test/lab/lab.sh'), 'up', '--ttl', '1800'], { stdio: 'inherit', timeout: 600_000 });
}

export function teardown(): void {
  execFileSync('bash', [join(ROOT, 'test/lab/lab.sh'), 'down'], { stdio: 'inherit', timeout: 120_000 });
  const expectedNames = JSON.parse(readFileSync(join(ROOT, 'test/lab/expected.json'), 'utf8')) as { devices: Array<{ namespace: string }> };
  const ours = new Set([`${PREFIX}sw`, `${PREFIX}scan`, ...expectedNames.devices.map((d) => d.namespace.replace('mamori-', PREFIX))]);
  const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter((n) => ours.has(n));
  if (left.length > 0) throw new Error(`lab down left namespaces behind: ${left.join(', ')}`);
  const processes = labProcesses();
  if (processes.length > 0) throw new Error(`lab down left processes behind: ${processes.join('; ')}`);
}

/** Processes whose command line points into this lab's state directory (every lab daemon's does). */
function labProcesses(): string[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      return state !== 'Z' && cmdline.includes(`${STATE_DIR}/`) ? [`${pid} ${cmdline.trim()}`] : [];
    } catch {
      return [];
    }
  });
}
