// Vendor from the IEEE registries (MA-L, MA-M, MA-S, IAB) by the device's MAC address.
import { defineIdentifier, type Identifier, type IdentityPatch } from '../core/plugins.js';
import { isLocallyAdministered, isMulticast, normalizeMac } from './mac.js';
import type { OuiTable } from './oui-table.js';

const SOURCE = 'oui-vendor';

/** Registry entries that name no manufacturer. */
const PRIVATE = 'Private';
const REGISTRATION_AUTHORITY = 'IEEE Registration Authority';

export function createOuiVendorIdentifier(table: OuiTable): Identifier {
  return defineIdentifier({
    id: SOURCE,
    description: 'Manufacturer from the IEEE MAC address registries (MA-L, MA-M, MA-S, IAB); flags randomized MACs',
    identify(device): IdentityPatch | null {
      const mac = normalizeMac(device.mac);
      if (mac === null || isMulticast(mac)) return null;
      if (isLocallyAdministered(mac)) {
        return {
          randomizedMac: true,
          vendor: null,
          evidence: [{ source: SOURCE, detail: 'locally administered (randomized or virtual) MAC: no vendor' }],
        };
      }
      const match = table.lookup(mac);
      if (match === null) return null;
      const block = `IEEE ${match.registry} ${match.prefix}`;
      // Say what the registry says, but do not claim a vendor it does not name.
      if (match.vendor === PRIVATE) {
        return {
          randomizedMac: false,
          evidence: [{ source: SOURCE, detail: `${block} is registered as private (owner not published): no vendor` }],
        };
      }
      if (match.vendor === REGISTRATION_AUTHORITY) {
        return {
          randomizedMac: false,
          evidence: [{
            source: SOURCE,
            detail: `${block} is split by the IEEE into smaller blocks (MA-M/MA-S/IAB) and this one is not in the table: no vendor`,
          }],
        };
      }
      return {
        randomizedMac: false,
        vendor: match.vendor,
        evidence: [{ source: SOURCE, detail: `${block} → ${match.vendor}` }],
      };
    },
  });
}
