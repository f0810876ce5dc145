// More places the software inventory reads versions from: SNMP sysDescr (Net-SNMP fills it from
// uname). Real-world strings: the lab NAS's Synology agent, Debian's and Raspberry Pi OS's kernels,
// and agents whose sysDescr names no kernel (Windows, an HP JetDirect print server).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../../../backend/schema/scan-result.schema.json' with { type: 'json' };
import type { Device } from '../../../backend/src/core/types.js';
import { softwareInventory } from '../../../backend/src/identify/software.js';
import { matchingEntries } from '../../../backend/src/knowledge/software-catalogue.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';

function agentSaying(sysDescr: string | null): Device {
  const device = emptyDevice('10.0.0.9', null);
  device.services = [{
    port: 161, transport: 'udp', service: 'snmp', encrypted: false, banner: sysDescr, product: null,
    snmp: { version: 'v2c', sysDescr, sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysName: 'agent' },
  }];
  return device;
}

describe('software inventory from SNMP sysDescr', () => {
  it('reads the kernel release of a Synology NAS (test/lab/devices/nas.sh)', () => {
    const raw = 'Linux diskstation 4.4.302+ #69057 SMP x86_64 GNU/Linux synology_geminilake_920+';
    expect(softwareInventory(agentSaying(raw))).toEqual([{
      product: 'linux_kernel', vendor: 'linux', name: 'Linux kernel', version: '4.4.302',
      cpe: 'cpe:2.3:o:linux:linux_kernel:4.4.302:*:*:*:*:*:*:*', source: 'snmp-sysdescr', raw,
      port: 161, transport: 'udp', distroBuild: null,
    }]);
  });

  it('gives an operating-system CPE the contract accepts', () => {
    const [item] = softwareInventory(agentSaying('Linux diskstation 4.4.302+ #69057 SMP x86_64 GNU/Linux synology_geminilake_920+'));
    const validate = new Ajv2020({ strict: false }).compile(schema.$defs.device.properties.software);
    expect(validate([item]), JSON.stringify(validate.errors)).toBe(true);
    expect(validate([{ ...item, cpe: 'linux_kernel 4.4' }])).toBe(false);
  });

  it('marks a distribution kernel as such, so no version rule could fire on it', () => {
    const [item] = softwareInventory(agentSaying('Linux nas 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64'));
    expect(item).toMatchObject({ product: 'linux_kernel', version: '6.1.0', distroBuild: 'Debian' });
    expect(matchingEntries(item!)).toEqual([]);
  });

  it('reads a Raspberry Pi kernel with its local suffix', () => {
    const [item] = softwareInventory(agentSaying('Linux raspberrypi 5.10.103-v7l+ #1529 SMP Tue Mar 8 12:24:00 GMT 2022 armv7l'));
    expect(item).toMatchObject({ version: '5.10.103', distroBuild: null });
  });

  it.each([
    'Hardware: Intel64 Family 6 Model 158 Stepping 10 AT/AT COMPATIBLE - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)',
    'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD149,EEPROM JSI23900,CIDATE 12/17/2019',
    null,
  ])('names nothing when sysDescr names no kernel: %s', (sysDescr) => {
    expect(softwareInventory(agentSaying(sysDescr))).toEqual([]);
  });
});
