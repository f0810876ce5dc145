// Kill the writer with SIGKILL again and again during heavy writes: every restart must find a
// readable store and audit trail, holding every write that was acknowledged before the kill.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../backend/src/storage/audit.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-crash-'));
const file = join(dir, 'state.json');
const auditFile = join(dir, 'audit.jsonl');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runAndKill(killAfterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/writer.ts'), file, auditFile]);
    let lastAck = 0;
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) if (line.startsWith('ack ')) lastAck = Number(line.slice(4));
      if (lastAck > 0 && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    let timer: NodeJS.Timeout | undefined;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const guard = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('writer never acknowledged a write')); }, 20_000);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended without being killed (${String(signal)}): ${stderr}`));
      resolve(lastAck);
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged write across repeated SIGKILLs', async () => {
    for (let round = 0; round < 8; round++) {
      const acked = await runAndKill(20 + ((round * 37) % 150));
      const state = JSON.parse(readFileSync(file, 'utf8')) as { counter: number; items: string[] };
      expect(state.counter).toBeGreaterThanOrEqual(acked);
      expect(state.items.at(-1)).toMatch(new RegExp(`^item-${state.counter}-`));
      const verdict = await verifyAuditLog(auditFile);
      // A kill mid-append can leave a torn last line, never an acknowledged one: the chain up to
      // it is intact, and the next writer cuts the torn tail off before appending.
      if (!verdict.ok) expect(verdict.brokenAt.reason).toMatch(/not valid JSON/);
      const complete = readFileSync(auditFile, 'utf8').split('\n').flatMap((line) => {
        try { return [JSON.parse(line) as { details: { n: number } }]; } catch { return []; }
      });
      const lastAudited = complete.at(-1)!.details.n;
      expect(lastAudited).toBeGreaterThanOrEqual(acked);
    }
  }, 120_000);
});
