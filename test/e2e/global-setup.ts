// Brings the lab up once for all end-to-end tests and takes it down afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export function setup(): void {
  if (process.getuid?.() !== 0) throw new Error('end-to-end tests need root: they build the lab with network namespaces');
  if (!existsSync(join(ROOT, 'backend/dist/cli.js'))) throw new Error('build first: npm run build');
  execFileSync('bash', [join(ROOT, 'test/lab/lab.sh'), 'up', '--ttl', '1800'], { stdio: 'inherit', timeout: 600_000 });
}

export function teardown(): void {
  execFileSync('bash', [join(ROOT, 'test/lab/lab.sh'), 'down'], { stdio: 'inherit', timeout: 120_000 });
}
