// A device's identity across scans, in one place: the store keeps devices under it, the owner's
// per-device settings (login-check opt-out) name devices by it, and the check gate compares it.
import type { Device } from './types.js';

/** The device fields its id is made from. */
export type DeviceIdSource = Pick<Device, 'mac' | 'ip'> & Partial<Pick<Device, 'randomizedMac' | 'hostnames'>>;

/**
 * A device id as `deviceIdOf` makes it: `mac-` + 12 hex digits, `ip-` + an address, or `name-` + the
 * lowercased name a device with a randomized MAC goes by (no whitespace or control characters).
 */
export const DEVICE_ID_PATTERN = /^(mac-[0-9a-f]{12}|ip-[0-9a-f.:]{2,45}|name-[^\s\p{Cc}]{1,253})$/u;

/**
 * A device's identity across scans: its MAC — unless the MAC is randomized (phones rotate it), then
 * the name it goes by, mDNS first (unique on the link by protocol), so a new MAC is the same device.
 */
export function deviceIdOf(device: DeviceIdSource): string {
  const name = device.randomizedMac ? stableName(device.hostnames ?? []) : null;
  if (name) return `name-${name}`;
  return device.mac ? `mac-${device.mac.replace(/:/g, '')}` : `ip-${device.ip}`;
}

function stableName(hostnames: readonly string[]): string | null {
  const name = hostnames.find((h) => h.toLowerCase().endsWith('.local')) ?? hostnames[0];
  return name ? name.toLowerCase() : null;
}
