// `mamori scan …` arguments, exactly as shared/contract/scan-result.md defines them.
import { parseArgs } from 'node:util';
import { siteIdFromName, type SiteIdentity } from '../core/site.js';

export interface ScanArgs {
  command: 'scan';
  cidrs: string[];
  interfaceName: string | null;
  json: string | null;
  loginChecks: boolean;
  quiet: boolean;
  allowPublic: boolean;
  allowLarge: boolean;
  ports: number[] | null;
  /** Only find devices (discovery + identification): no port scan, no probe, no check. */
  discoverOnly: boolean;
  /** --site NAME: the site the result is stamped with (scan.site); its id is a slug of the name. */
  site: SiteIdentity | null;
}

export class UsageError extends Error {}

export const USAGE = `usage: mamori scan --cidr RANGE [--cidr RANGE …] [--interface NAME] [--json FILE|-]
                   [--no-login-checks] [--quiet] [--allow-public] [--allow-large] [--ports 22,23,80]
                   [--discover-only] [--site NAME]
       mamori audit verify [--data-dir DIR]
       mamori report --lang en|ja --format pdf|html --out FILE|- [--data-dir DIR] [--scan ID]
       mamori export devices|findings --lang en|ja --out FILE|- [--data-dir DIR] [--scan ID]
       mamori evidence create --from YYYY-MM-DD --to YYYY-MM-DD [--lang en|ja] --out FILE [--data-dir DIR]
       mamori evidence verify FILE [--fingerprint FP]`;

export function parseScanArgs(argv: string[]): ScanArgs {
  const [command, ...rest] = argv;
  if (command !== 'scan') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        cidr: { type: 'string', multiple: true },
        interface: { type: 'string' },
        json: { type: 'string' },
        'no-login-checks': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        'allow-public': { type: 'boolean', default: false },
        'allow-large': { type: 'boolean', default: false },
        ports: { type: 'string' },
        'discover-only': { type: 'boolean', default: false },
        site: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const cidrs = (values.cidr ?? []).flatMap((c) => c.split(',')).map((c) => c.trim()).filter(Boolean);
  if (cidrs.length === 0) throw new UsageError('at least one --cidr is required');
  let ports: number[] | null = null;
  if (values.ports !== undefined) {
    ports = values.ports.split(',').map((p) => Number(p.trim()));
    if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) throw new UsageError(`invalid --ports "${values.ports}"`);
  }
  const siteName = values.site?.trim();
  if (siteName !== undefined && (siteName.length === 0 || siteName.length > 200 || /\p{Cc}/u.test(siteName))) {
    throw new UsageError('--site needs a name of 1 to 200 characters without control characters');
  }
  return {
    command: 'scan',
    cidrs,
    interfaceName: values.interface ?? null,
    json: values.json ?? null,
    loginChecks: !values['no-login-checks'],
    quiet: values.quiet ?? false,
    allowPublic: values['allow-public'] ?? false,
    allowLarge: values['allow-large'] ?? false,
    ports,
    discoverOnly: values['discover-only'] ?? false,
    site: siteName === undefined ? null : { id: siteIdFromName(siteName), name: siteName },
  };
}
