// The sentence an owner reads when a scan worker died: whose answer, which protocol, what the scan
// was doing; the protocol from the answer's port or from the protocol client in the error's stack.
import { describe, expect, it } from 'vitest';
import { deathOfProcess } from '../../../backend/src/pipeline/isolation/exit.js';
import { describeFailure } from '../../../backend/src/pipeline/isolation/failure.js';
import { inheritableExecArgv } from '../../../backend/src/pipeline/isolation/host.js';

const mdnsAnswer = { ip: '10.0.0.23', remotePort: 5353, transport: 'udp' as const, whileReading: true };

describe('describeFailure', () => {
  it('names the device and mDNS for a heap blow-up while reading its answer', () => {
    const failure = describeFailure({ kind: 'out-of-memory', heapLimitMb: 256 }, { scanId: 's', stage: 'discovery', percent: 10, current: 'mDNS / DNS-SD' }, mdnsAnswer);
    expect(failure).toMatchObject({ kind: 'out-of-memory', ip: '10.0.0.23', protocol: 'mDNS', transport: 'udp', remotePort: 5353, stage: 'discovery', doing: 'mDNS / DNS-SD', detail: null });
    expect(failure.message).toBe('The scan ran out of memory (its limit is 256 MB) while reading an answer from 10.0.0.23 (mDNS, udp/5353), during discovery (mDNS / DNS-SD). What it found until then is kept.');
  });

  it('takes the protocol from the client in the stack, and says "read last" when the worker was not in a handler', () => {
    const error = { message: "TypeError: Cannot read properties of undefined (reading 'authProtocol')", stack: 'TypeError: …\n    at decode (file:///opt/mamori/backend/dist/protocols/snmp.js:40:11)' };
    const failure = describeFailure({ kind: 'crashed', error }, { scanId: 's', stage: 'checks', percent: 80, current: 'default-credentials-snmp 10.0.0.9:161' }, { ...mdnsAnswer, ip: '10.0.0.9', remotePort: 161, whileReading: false });
    expect(failure.protocol).toBe('SNMP');
    expect(failure.message).toBe("The scan stopped on an unexpected error (the last answer it read came from 10.0.0.9, SNMP, udp/161), during checks (default-credentials-snmp 10.0.0.9:161): TypeError: Cannot read properties of undefined (reading 'authProtocol'). What it found until then is kept.");
  });

  it('falls back to the address in the progress step when no answer was read', () => {
    const failure = describeFailure({ kind: 'exited', exitCode: 3 }, { scanId: 's', stage: 'probing', percent: 40, current: '10.77.0.11:23' }, null);
    expect(failure).toMatchObject({ ip: '10.77.0.11', transport: null, protocol: null, whileReading: false });
    expect(failure.message).toBe('The scan ended unexpectedly (exit code 3) while working on 10.77.0.11, during probing (10.77.0.11:23). What it found until then is kept.');
  });
});

describe('deathOfProcess', () => {
  const end = { crashed: null, exitCode: null, exitSignal: null, stderr: '', stalled: false, stallMs: 60_000, heapLimitMb: 256 };
  const v8Oom = '<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n';

  it('tells V8\'s fatal out-of-memory abort from the signal and the stderr text', () => {
    expect(deathOfProcess({ ...end, exitSignal: 'SIGABRT', stderr: v8Oom })).toEqual({ kind: 'out-of-memory', heapLimitMb: 256 });
    expect(deathOfProcess({ ...end, exitSignal: 'SIGTRAP', stderr: v8Oom })).toEqual({ kind: 'out-of-memory', heapLimitMb: 256 });
    // Through a shell, or with the message lost: the exit code alone, or the text with another code.
    expect(deathOfProcess({ ...end, exitCode: 134 })).toMatchObject({ kind: 'out-of-memory' });
    expect(deathOfProcess({ ...end, exitCode: 1, stderr: v8Oom })).toMatchObject({ kind: 'out-of-memory' });
  });

  it('keeps a stall, a reported crash and a plain exit apart', () => {
    expect(deathOfProcess({ ...end, stalled: true, exitSignal: 'SIGKILL' })).toEqual({ kind: 'stalled', stalledSeconds: 60 });
    expect(deathOfProcess({ ...end, crashed: { message: 'TypeError: x' }, exitCode: 70 })).toEqual({ kind: 'crashed', error: { message: 'TypeError: x' } });
    expect(deathOfProcess({ ...end, exitCode: 3 })).toEqual({ kind: 'exited', exitCode: 3 });
    // Killed from outside (the kernel's OOM killer, an operator): not the heap limit.
    expect(deathOfProcess({ ...end, exitSignal: 'SIGKILL' })).toEqual({ kind: 'exited', exitCode: 137 });
    expect(deathOfProcess({ ...end, exitSignal: 'SIGABRT', stderr: 'node: ../src/node.cc:42: Assertion failed\n' })).toMatchObject({ kind: 'exited', exitCode: 134 });
  });
});

describe('inheritableExecArgv', () => {
  it('drops the parent\'s own script, debugger and heap limit, keeps the rest', () => {
    expect(inheritableExecArgv(['--input-type=module', '-e', 'code', '--inspect=9229', '--inspect-brk', '--max-old-space-size=4096', '--conditions', 'development', '--import=tsx']))
      .toEqual(['--conditions', 'development', '--import=tsx']);
    expect(inheritableExecArgv(['--input-type', 'module', '--eval', 'x', '--debug-port=1'])).toEqual([]);
  });
});
