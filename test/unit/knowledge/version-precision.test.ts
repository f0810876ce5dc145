// A server that announces only part of its version ("lighttpd/1.4") cannot be placed against a
// bound more precise than that ("fixed in 1.4.50"): the row must stay silent, not guess. Found on
// the second lab set, whose router answers "Server: lighttpd/1.4".
import { describe, expect, it } from 'vitest';
import { inRange } from '../../../backend/src/knowledge/version.js';
import { matchingEntries } from '../../../backend/src/knowledge/software-catalogue.js';
import type { SoftwareItem } from '../../../backend/src/core/types.js';

const lighttpd = (version: string): SoftwareItem => ({
  product: 'lighttpd', vendor: 'lighttpd', name: 'lighttpd', version, cpe: `cpe:2.3:a:lighttpd:lighttpd:${version}:*:*:*:*:*:*:*`,
  source: 'http-server', raw: `Server: lighttpd/${version}`, port: 80, transport: 'tcp', distroBuild: null,
});

describe('version ranges and vague versions', () => {
  it('places a full version against the bounds (control: the rule is not vacuous)', () => {
    expect(inRange('1.4.49', { fixed: '1.4.50' })).toBe(true);
    expect(inRange('1.4.50', { fixed: '1.4.50' })).toBe(false);
    expect(inRange('1.3', { fixed: '1.4.50' })).toBe(true);
  });

  it('stays silent when the version stops where the bound goes on', () => {
    expect(inRange('1.4', { fixed: '1.4.50' })).toBe(false);
    expect(inRange('1.4', { introduced: '1.4.0', fixed: '1.4.50' })).toBe(false);
    expect(inRange('2.4', { equals: ['2.4.49'] })).toBe(false);
    expect(inRange('1', { lastAffected: '1.4.3' })).toBe(false);
    // A letter release is a release of its own: 1.3.5 comes before 1.3.5b.
    expect(inRange('1.3.5', { fixed: '1.3.5b' })).toBe(true);
  });

  it('raises nothing from the catalogue for "Server: lighttpd/1.4", and still does for lighttpd/1.4.35', () => {
    expect(matchingEntries(lighttpd('1.4'))).toEqual([]);
    expect(matchingEntries(lighttpd('1.4.35')).length).toBeGreaterThan(0);
  });
});
