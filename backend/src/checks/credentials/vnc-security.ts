// What a VNC server asks for, read once per server and scan and shared by anonymous-access-vnc and
// default-credentials-vnc (memoised on the scan's context). VNC servers count every connection that
// ends before authenticating: TigerVNC blacklists an address after 5 (BlacklistThreshold), so
// each connection saved leaves room for the password tries.
import type { CheckTarget, PluginContext } from '../../core/plugins.js';
import { vncAuthenticate, type VncHello } from '../../protocols/vnc.js';

export interface VncSecurity {
  hello: VncHello | null;
  /** Security type None was offered and the server accepted it: no password at all. */
  openWithoutPassword: boolean;
  /** Why the server would not talk (e.g. "Too many authentication failures"), when it said. */
  refusal: string | null;
}

const memo = new WeakMap<PluginContext, Map<string, Promise<VncSecurity>>>();

export function vncSecurity(target: CheckTarget, ctx: PluginContext): Promise<VncSecurity> {
  let perScan = memo.get(ctx);
  if (!perScan) { perScan = new Map(); memo.set(ctx, perScan); }
  const key = `${target.device.ip}:${target.service.port}`;
  let read = perScan.get(key);
  if (!read) {
    // One connection: read the offered types and, only when None is offered, take it.
    read = vncAuthenticate({ host: target.device.ip, port: target.service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal }, null)
      .then((outcome): VncSecurity => ({ hello: outcome.hello, openWithoutPassword: outcome.result === 'accepted', refusal: outcome.result === 'refused' ? outcome.reason : null }))
      .catch((): VncSecurity => ({ hello: null, openWithoutPassword: false, refusal: null }));
    perScan.set(key, read);
  }
  return read;
}
