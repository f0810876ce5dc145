// The readable summary printed after a CLI scan.
import type { ScanResult } from '../core/types.js';

export function formatSummary(result: ScanResult): string {
  const lines: string[] = [];
  const { scan } = result;
  const where = scan.interfaces && scan.interfaces.length > 1
    ? scan.interfaces.map((n) => `${n.targets.join(', ')} on ${n.name}`).join('; ')
    : `${scan.targets.join(', ')} on ${scan.interface}`;
  lines.push(`Mamori scan ${scan.id} — ${scan.status}, ${where}, ${(scan.stats.durationMs / 1000).toFixed(1)} s`);
  lines.push(`${result.devices.length} device(s), ${result.findings.length} finding(s); login checks ${scan.loginChecks ? 'on' : 'off'}`);
  lines.push('');
  for (const device of result.devices) {
    const vendor = device.randomizedMac ? 'randomized MAC' : device.vendor ?? 'unknown vendor';
    const ports = device.services.map((s) => `${s.port}/${s.service}`).join(' ') || 'no open ports';
    lines.push(`${device.ip.padEnd(15)} ${(device.mac ?? '-').padEnd(17)} ${device.type.padEnd(12)} ${vendor}`);
    lines.push(`${''.padEnd(15)} ${ports}${device.interface && (scan.interfaces?.length ?? 1) > 1 ? ` (on ${device.interface})` : ''}`);
    for (const finding of result.findings.filter((f) => f.ip === device.ip)) {
      lines.push(`${''.padEnd(15)} [${finding.severity.toUpperCase()}] ${finding.title} (${finding.service}/${finding.port})`);
    }
  }
  return lines.join('\n') + '\n';
}
