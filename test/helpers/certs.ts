// Certificates with chosen names and dates, made by openssl into a temp dir: a throwaway CA, leaves
// it signs, and self-signed certificates with any validity window (`openssl ca -selfsign` takes
// -startdate/-enddate, which `req -x509` cannot do before OpenSSL 3.4). EC P-256 keys: fast.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireBinary } from './daemon.js';
import type { SelfSignedCert } from './tls.js';

const run = promisify(execFile);

export interface CertOptions {
  commonName: string;
  /** subjectAltName value, e.g. "IP:127.0.0.1,DNS:hub.local"; none if omitted. */
  altNames?: string;
  /** openssl ca dates, YYYYMMDDHHMMSSZ; default: from yesterday, 30 days. */
  startDate?: string;
  endDate?: string;
}

export interface CertAuthority {
  /** The CA's own certificate (PEM). */
  cert: string;
  /** A self-signed certificate. */
  selfSigned(options: CertOptions): Promise<SelfSignedCert>;
  /** A certificate signed by this CA (so not self-signed). */
  issue(options: CertOptions): Promise<SelfSignedCert>;
  dispose(): Promise<void>;
}

/** YYYYMMDDHHMMSSZ for a date `days` from now. */
export function caDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

export async function createCertAuthority(): Promise<CertAuthority> {
  requireBinary('/usr/bin/openssl', 'openssl');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-ca-'));
  await mkdir(join(dir, 'new'));
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  await writeFile(join(dir, 'ca.cnf'), [
    '[ ca ]', 'default_ca = test', '[ test ]', `dir = ${dir}`, 'database = $dir/index.txt', 'new_certs_dir = $dir/new',
    'serial = $dir/serial', 'default_md = sha256', 'policy = any', 'copy_extensions = copy', 'unique_subject = no',
    '[ any ]', 'commonName = supplied', '',
  ].join('\n'));
  const openssl = (args: string[]) => run('openssl', args, { cwd: dir, timeout: 20_000 });
  const keyArgs = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(['req', '-x509', ...keyArgs, '-subj', '/CN=Mamori Test CA', '-days', '30', '-keyout', 'ca.key', '-out', 'ca.pem']);
  let n = 0;
  // `openssl ca` rewrites its serial and index files: one signature at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = (options: CertOptions, selfSign: boolean): Promise<SelfSignedCert> => {
    const next = queue.then(() => make(options, selfSign));
    queue = next.catch(() => undefined);
    return next;
  };

  const make = async (options: CertOptions, selfSign: boolean): Promise<SelfSignedCert> => {
    const name = `c${n++}`;
    await openssl(['req', '-new', ...keyArgs, '-subj', `/CN=${options.commonName}`, '-keyout', `${name}.key`, '-out', `${name}.csr`,
      ...(options.altNames ? ['-addext', `subjectAltName=${options.altNames}`] : [])]);
    await openssl(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-in', `${name}.csr`, '-out', `${name}.pem`,
      '-startdate', options.startDate ?? caDate(-1), '-enddate', options.endDate ?? caDate(30),
      ...(selfSign ? ['-selfsign', '-keyfile', `${name}.key`] : ['-cert', 'ca.pem', '-keyfile', 'ca.key'])]);
    return { key: await readFile(join(dir, `${name}.key`), 'utf8'), cert: await readFile(join(dir, `${name}.pem`), 'utf8') };
  };
  return {
    cert: await readFile(join(dir, 'ca.pem'), 'utf8'),
    selfSigned: (options) => serialised(options, true),
    issue: (options) => serialised(options, false),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * The certificate with its notAfter month set to 13: OpenSSL then prints the date as "Bad time
 * value" and Node's `valid_to` is that string (issue #21). The signature no longer matches, which a
 * scanner that does not verify (ours) never notices; a TLS server still presents it.
 */
export function withUnreadableNotAfter(cert: SelfSignedCert): SelfSignedCert {
  const der = Buffer.from(cert.cert.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const validity = der.indexOf(Buffer.from([0x30, 0x1e, 0x17, 0x0d])); // SEQUENCE of two UTCTimes
  if (validity === -1) throw new Error('no UTCTime validity in this certificate');
  const month = validity + 2 + 15 + 2 + 2; // notAfter's YYMMDD…: the MM
  der.write('13', month, 'latin1');
  const base64 = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return { key: cert.key, cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n` };
}
