// The one question every discoverer asks before it talks to, or believes, an address: is it inside
// the ranges this scan may touch? (A LOCATION URL or an mDNS answer can name any address.)
import type { PluginContext } from '../core/plugins.js';
import { cidrContains, parseCidr } from '../scope/cidr.js';

export function inScope(ctx: Pick<PluginContext, 'targets'>, ip: string): boolean {
  return ctx.targets.some((target) => {
    try {
      return cidrContains(parseCidr(target), ip);
    } catch {
      return false;
    }
  });
}
