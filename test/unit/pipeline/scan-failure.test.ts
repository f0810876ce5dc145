// The sentence an owner reads when a scan worker died: whose answer, which protocol, what the scan
// was doing; the protocol from the answer's port or from the protocol client in the error's stack.
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../backend/src/pipeline/isolation/failure.js';

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
