// The bounded fuzz run of the test suite: every parser of device input (test/fuzz/targets.ts) gets
// its seeds — the recorded fixtures and issue #21's reproducers — then mutated inputs, with a fixed
// seed so a failure reproduces. No crash is allowed. Speed and heap figures come from the long run,
// `npm run fuzz` (not timed here: the suite must not flake under load).
import { describe, expect, it } from 'vitest';
import { fuzz } from '../../fuzz/harness.js';
import { TARGETS } from '../../fuzz/targets.js';

const RUNS = 500;
const SEED = 21;

describe('fuzz: every parser of device input survives hostile input', () => {
  it('covers every parser the issue lists', () => {
    expect(TARGETS.map((t) => t.name)).toEqual(expect.arrayContaining([
      'mdns', 'ssdp', 'upnp-xml', 'igd-soap', 'telnet', 'ftp', 'mqtt', 'netbios', 'coap', 'http', 'rtsp', 'tls-cert', 'tar', 'snmp',
    ]));
  });

  it.each(TARGETS.map((t) => [t.name, t] as const))('%s: seeds and mutated inputs, no crash', (_name, target) => {
    const report = fuzz(target, { runs: RUNS, seed: SEED });
    expect(report.crash).toBeUndefined();
    expect(report.cases).toBe(RUNS); // the seeds first, then mutated inputs
  });
});
