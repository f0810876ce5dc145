// Identifiers in the order they run; later ones may refine what earlier ones concluded.
import type { Identifier } from '../core/plugins.js';
import { createDeviceTypeIdentifier } from './device-type.js';
import { createIppMakerIdentifier } from './ipp-maker.js';
import type { OuiTable } from './oui-table.js';
import { createOuiVendorIdentifier } from './oui-vendor.js';
import { createSoftwareIdentifier } from './software-identifier.js';

export function createIdentifiers(deps: { oui: OuiTable }): Identifier[] {
  // The vendor first: the type rules read it.
  return [createOuiVendorIdentifier(deps.oui), createIppMakerIdentifier(), createDeviceTypeIdentifier(), createSoftwareIdentifier()];
}
