// Discoverers run side by side; their sightings feed one device merger (pipeline/merger.ts).
// Those with an enrich() pass run it afterwards, over the devices found.
import type { Discoverer } from '../core/plugins.js';
import { createArpDiscoverer } from './arp.js';
import { createIpv6Discoverer } from './ipv6.js';
import { createMdnsDiscoverer } from './mdns.js';
import { createNamesDiscoverer } from './names.js';
import { createRoutedDiscoverer } from './routed.js';
import { createSsdpDiscoverer, type DescriptionFetcher } from './ssdp.js';

export interface DiscoveryDeps {
  /** How UPnP descriptions are fetched (tests pass a recording fake). */
  fetchDescription?: DescriptionFetcher;
}

export function createDiscoverers(deps: DiscoveryDeps = {}): Discoverer[] {
  return [
    createArpDiscoverer(),
    createMdnsDiscoverer(),
    createSsdpDiscoverer({ fetch: deps.fetchDescription }),
    createIpv6Discoverer(),
    createNamesDiscoverer(),
    createRoutedDiscoverer(),
  ];
}
