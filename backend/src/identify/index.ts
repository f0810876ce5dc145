// Identifiers in the order they run; later ones may refine what earlier ones concluded.
import type { Identifier } from '../core/plugins.js';
import type { OuiTable } from './oui-table.js';
import { createOuiVendorIdentifier } from './oui-vendor.js';

export function createIdentifiers(deps: { oui: OuiTable }): Identifier[] {
  return [createOuiVendorIdentifier(deps.oui)];
}
