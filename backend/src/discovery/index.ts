// Discoverers run side by side; their sightings feed one device merger (pipeline/merger.ts).
import type { Discoverer } from '../core/plugins.js';
import { createArpDiscoverer } from './arp.js';

export function createDiscoverers(): Discoverer[] {
  return [createArpDiscoverer()];
}
