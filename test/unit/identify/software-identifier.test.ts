// The software-inventory identifier keeps Device.software current each time identification runs:
// it reads what the device already said (here a dropbear greeting) and sends nothing.
import { describe, expect, it } from 'vitest';
import type { Device } from '../../../backend/src/core/types.js';
import { createSoftwareIdentifier } from '../../../backend/src/identify/software-identifier.js';
import { testContext } from '../../helpers/context.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';

function withSshGreeting(banner: string | null): Device {
  const device = emptyDevice('192.168.1.30', null);
  if (banner) device.services.push({ port: 22, transport: 'tcp', service: 'ssh', encrypted: true, banner, product: null });
  return device;
}

describe('software-inventory identifier', () => {
  const identifier = createSoftwareIdentifier();

  it('adds the announced product and version, keeping the exact string', () => {
    const patch = identifier.identify(withSshGreeting('SSH-2.0-dropbear_2014.63'), testContext());
    expect(patch?.software).toEqual([expect.objectContaining({ product: 'dropbear_ssh', version: '2014.63', raw: 'SSH-2.0-dropbear_2014.63', port: 22 })]);
  });

  it('says nothing for a device that announced no software (negative control)', () => {
    expect(identifier.identify(withSshGreeting(null), testContext())).toBeNull();
  });

  it('clears an inventory the device no longer supports', () => {
    const device = withSshGreeting(null);
    device.software = [{ product: 'dropbear', vendor: 'dropbear_ssh_project', name: 'Dropbear', version: '2014.63', cpe: 'x', source: 'ssh-banner', raw: 'SSH-2.0-dropbear_2014.63', port: 22, transport: 'tcp', distroBuild: null }];
    expect(identifier.identify(device, testContext())).toEqual({ software: [] });
  });
});
