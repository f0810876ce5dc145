// The software inventory reads an open MQTT broker's "$SYS/broker/version". Real-world strings:
// Debian 12's mosquitto package (2.0.11-1.2+deb12u1, on this machine: `mosquitto -h`), Ubuntu 20.04's
// (1.6.9-1) and the upstream Docker image eclipse-mosquitto:2.0.18. All say only "mosquitto version
// X.Y.Z": a distribution's back-ported build cannot be told apart, so no catalogue row may fire.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../../../backend/schema/scan-result.schema.json' with { type: 'json' };
import type { Device } from '../../../backend/src/core/types.js';
import { softwareInventory } from '../../../backend/src/identify/software.js';
import { MQTT_PATTERNS } from '../../../backend/src/identify/software-patterns.js';
import { matchEntry, type CatalogueEntry } from '../../../backend/src/knowledge/software-catalogue.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';

function brokerSaying(version: string | undefined): Device {
  const device = emptyDevice('10.0.0.7', null);
  device.services = [{ port: 1883, transport: 'tcp', service: 'mqtt', encrypted: false, banner: null, product: null, mqtt: version === undefined ? {} : { version } }];
  return device;
}

/** A row that would fire on every mosquitto version, and one on 1.6.9 exactly. */
const EVERY_VERSION: CatalogueEntry = {
  id: 'test-mosquitto-all', kind: 'end-of-life', product: 'mosquitto', cves: [], title: 'test', cvss: null, cvssVersion: null,
  kev: false, affected: [], allVersions: true, fixedIn: null, sources: ['https://mosquitto.org/'],
} as unknown as CatalogueEntry;
const ONE_SIX_NINE = { ...EVERY_VERSION, allVersions: false, affected: [{ equals: ['1.6.9'] }] } as CatalogueEntry;

describe('software inventory from MQTT $SYS/broker/version', () => {
  it.each([
    ['mosquitto version 2.0.11', '2.0.11'],
    ['mosquitto version 1.6.9', '1.6.9'],
    ['mosquitto version 2.0.18', '2.0.18'],
  ])('reads %s as Eclipse Mosquitto %s, marked as a possible distribution build', (raw, version) => {
    expect(softwareInventory(brokerSaying(raw))).toEqual([{
      product: 'mosquitto', vendor: 'eclipse', name: 'Eclipse Mosquitto', version,
      cpe: `cpe:2.3:a:eclipse:mosquitto:${version}:*:*:*:*:*:*:*`, source: 'mqtt-sys-version', raw,
      port: 1883, transport: 'tcp', distroBuild: 'possibly Debian/Ubuntu',
    }]);
  });

  it('lets no catalogue row fire on it, not even one for every version (prefer silence to a guess)', () => {
    const [item] = softwareInventory(brokerSaying('mosquitto version 1.6.9'));
    expect(matchEntry(EVERY_VERSION, item!)).toBe(false);
    expect(matchEntry(ONE_SIX_NINE, item!)).toBe(false);
    // The same row does fire on an item whose version can be trusted: the mark is what stops it.
    expect(matchEntry(ONE_SIX_NINE, { ...item!, distroBuild: null })).toBe(true);
  });

  it.each([
    'VerneMQ 1.12.3', 'HiveMQ 4.9.0', 'aedes 1.2.0', 'not mosquitto version 2.0.11', 'mosquitto version', '',
  ])('names nothing for another broker or a broken string: %j', (raw) => {
    expect(softwareInventory(brokerSaying(raw))).toEqual([]);
  });

  it('names nothing without a version on the record', () => {
    expect(softwareInventory(brokerSaying(undefined))).toEqual([]);
    expect(MQTT_PATTERNS.every((row) => row.buildHidden)).toBe(true);
  });

  it('keeps the service record and the item valid against the contract', () => {
    const device = brokerSaying('mosquitto version 2.0.11');
    const ajv = new Ajv2020({ strict: false });
    const service = ajv.compile(schema.$defs.device.properties.services.items);
    expect(service(device.services[0]), JSON.stringify(service.errors)).toBe(true);
    expect(service({ ...device.services[0], mqtt: { version: 7 } })).toBe(false);
    const software = ajv.compile(schema.$defs.device.properties.software);
    expect(software(softwareInventory(device)), JSON.stringify(software.errors)).toBe(true);
  });
});
