// The one gate every check passes, in a scan and in a re-test: may this check run on this service
// (consent, the owner's per-device opt-out, what the check applies to), when in a streaming scan
// (what it must know first: its context — the service, the device's settled identity, or every
// device), and on which service record when the device no longer lists the port.
import { deviceIdOf } from '../core/device-id.js';
import type { Check, CheckTarget } from '../core/plugins.js';
import type { Device, Service, Transport } from '../core/types.js';

/**
 * When a check may start on a device, in a streaming scan:
 * - `named`: as soon as its service is named. Looking-only checks that read the service and at
 *   most the vendor (known from the MAC at once): cleartext, TLS, anonymous access.
 * - `device`: once the device's identity is settled — every one of its services named, and the
 *   discovery listen windows closed (mDNS, SSDP/UPnP models, names). Credential checks (the model
 *   and the device type change which factory pairs come first) and checks that read the device's
 *   UPnP description.
 * - `network`: once every device found has been probed: checks that report on other devices.
 */
export type CheckPhase = 'named' | 'device' | 'network';

export function phaseOf(check: Check): CheckPhase {
  if (check.retestTarget) return 'network';
  if (check.intrusive || check.extraServices) return 'device';
  return 'named';
}

/** The owner's consent, as the scan or the re-test was asked. */
export interface LoginConsent {
  loginChecks: boolean;
  /** Ids of devices (core/device-id.ts, as the store keeps them) never sent a login attempt. */
  excluded: readonly string[];
}

export type GateDecision = { run: true } | { run: false; why: string };

/** May this check try anything on this device at all? (Consent first: it needs no network.) */
export function consentFor(check: Check, device: Readonly<Device>, consent: LoginConsent): GateDecision {
  if (!check.intrusive) return { run: true };
  if (!consent.loginChecks) return { run: false, why: 'this re-test tries a login: turn on login checks first' };
  if (consent.excluded.includes(deviceIdOf(device))) {
    return { run: false, why: 'login checks are switched off for this device' };
  }
  return { run: true };
}

/** Consent, then what the check says it applies to. */
export function mayRun(check: Check, target: CheckTarget, consent: LoginConsent): GateDecision {
  const consented = consentFor(check, target.device, consent);
  if (!consented.run) return consented;
  return check.appliesTo(target) ? { run: true } : { run: false, why: `${check.id} does not apply to this service` };
}

/** The device's record of a port, or a bare one named as the check's finding names it. */
export function serviceOrFallback(device: Readonly<Device>, port: number, transport: Transport, serviceName: string): Service {
  return device.services.find((s) => s.port === port && s.transport === transport)
    ?? { port, transport, service: serviceName, encrypted: false, banner: null, product: null };
}
