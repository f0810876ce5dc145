// Every way Mamori is started carries the same V8 memory options (config/node-flags.ts), and the
// option does what it is there for: it caps the young generation a busy scan would otherwise grow.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_MEMORY_FLAGS, SEMI_SPACE_MB } from '../../../backend/src/config/node-flags.js';

const ROOT = join(import.meta.dirname, '../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** Each launcher and the text in it that starts node. */
const LAUNCHERS: Array<[string, string]> = [
  ['package.json "start"', scripts['start'] ?? ''],
  ['package.json "mamori"', scripts['mamori'] ?? ''],
  ['systemd unit ExecStart', /^ExecStart=.*$/m.exec(read('deploy/systemd/mamori.service'))?.[0] ?? ''],
  ['container CMD', /^CMD .*$/m.exec(read('deploy/container/Containerfile'))?.[0] ?? ''],
  ['mamori-run', /"\$PREFIX\/bin\/node".*$/m.exec(read('deploy/mamori-run.sh'))?.[0] ?? ''],
  ['the CLI shebang', read('backend/src/cli.ts').split('\n')[0] ?? ''],
  ['the quick-start demo', /ip netns exec mamori-scan node .*$/m.exec(read('test/lab/demo.sh'))?.[0] ?? ''],
];

describe('node memory options', () => {
  it.each(LAUNCHERS)('%s starts node with them, before the entry file', (_name, line) => {
    expect(line).toMatch(/node/);
    for (const flag of NODE_MEMORY_FLAGS) {
      const at = line.indexOf(flag);
      expect(at).toBeGreaterThan(line.indexOf('node'));
      // After the entry file it would be an argument to Mamori, not an option to node.
      const entry = line.search(/(backend\/dist\/\w+\.js|cli\.ts)|$/);
      if (!line.startsWith('#!')) expect(at).toBeLessThan(entry);
    }
  });

  it('caps the young generation where the default lets it grow', () => {
    // Allocate short-lived garbage quickly with many survivors, as a busy scan does, and read the
    // new space's size: with the option it stays within its cap; without it V8 grows it past that.
    const probe = `const v8 = require('node:v8'); let keep = [];
      for (let i = 0; i < 400000; i++) { keep.push({ i, s: 'x'.repeat(64) }); if (keep.length > 60000) keep = keep.slice(30000); }
      const ns = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      process.stdout.write(String(ns.space_size));`;
    const newSpace = (flags: readonly string[]): number => Number(execFileSync(process.execPath, [...flags, '-e', probe], { encoding: 'utf8' }));
    const capped = newSpace(NODE_MEMORY_FLAGS);
    const uncapped = newSpace([]);
    expect(capped).toBeLessThanOrEqual(3 * SEMI_SPACE_MB * 1024 * 1024);
    expect(uncapped).toBeGreaterThan(capped);
  });
});
