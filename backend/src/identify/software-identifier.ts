// Keeps Device.software current: the inventory is recomputed whenever identification runs.
import { defineIdentifier, type Identifier } from '../core/plugins.js';
import { softwareInventory } from './software.js';

export function createSoftwareIdentifier(): Identifier {
  return defineIdentifier({
    id: 'software-inventory',
    description: 'Product and version of announced software (SSH/FTP greetings, HTTP/RTSP/UPnP Server headers, SNMP sysDescr, MQTT $SYS/broker/version)',
    identify(device) {
      const software = softwareInventory(device);
      return software.length > 0 || (device.software?.length ?? 0) > 0 ? { software } : null;
    },
  });
}
