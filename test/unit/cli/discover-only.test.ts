// `--discover-only` (used by `npm run bench` to time discovery alone) is off unless asked for,
// and leaves every other option as it was.
import { describe, expect, it } from 'vitest';
import { parseScanArgs, UsageError } from '../../../backend/src/cli/args.js';

describe('mamori scan --discover-only', () => {
  it('is off by default', () => {
    expect(parseScanArgs(['scan', '--cidr', '10.77.0.0/24']).discoverOnly).toBe(false);
  });

  it('is on when given, with the other options unchanged', () => {
    const args = parseScanArgs(['scan', '--cidr', '10.77.0.0/24', '--discover-only', '--quiet', '--json', '-']);
    expect(args).toMatchObject({ discoverOnly: true, quiet: true, json: '-', cidrs: ['10.77.0.0/24'], loginChecks: true });
  });

  it('takes no value', () => {
    expect(() => parseScanArgs(['scan', '--cidr', '10.77.0.0/24', '--discover-only=yes'])).toThrow(UsageError);
  });
});
