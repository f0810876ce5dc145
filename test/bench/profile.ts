// Summarises a V8 .cpuprofile (node --cpu-prof): where Mamori's process spends its CPU.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './lab.js';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] }

export interface ProfileSummary { file: string; cpuMs: number; wallMs: number; top: Array<{ fn: string; selfMs: number; share: number }> }

export function summariseProfiles(dir: string, top = 12): ProfileSummary[] {
  return readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
    const wallMs = (p.endTime - p.startTime) / 1000;
    const perSample = p.samples.length ? wallMs / p.samples.length : 0;
    const self = new Map<string, number>();
    let busy = 0;
    for (const n of p.nodes) {
      const name = n.callFrame.functionName || '(anonymous)';
      const hits = n.hitCount ?? 0;
      if (name !== '(idle)' && name !== '(program)') busy += hits;
      const where = n.callFrame.url ? `${relative(ROOT, n.callFrame.url.replace(/^file:\/\//, ''))}:${n.callFrame.lineNumber + 1}` : '';
      const key = where ? `${name} ${where}` : name;
      self.set(key, (self.get(key) ?? 0) + hits);
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
    return {
      file: f,
      wallMs,
      cpuMs: busy * perSample,
      top: [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, hits]) => ({ fn, selfMs: hits * perSample, share: hits / total })),
    };
  });
}
