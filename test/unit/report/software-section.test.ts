// The handover report lists the software each device announced (#16), in HTML and PDF, both
// languages, with distribution builds marked; device-provided strings stay text.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDevice } from '../../../backend/src/core/records.js';
import { softwareInventory } from '../../../backend/src/identify/software.js';
import { BUILT_IN_CATALOGUE } from '../../../backend/src/knowledge/software-catalogue.js';
import { buildReportModel, renderReportHtml, renderReportPdf } from '../../../backend/src/report/index.js';
import { DEVICES, source } from './fixtures.js';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'mamori-report-software-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** The fixture's camera, announcing an old dropbear and a hostile Server header; the NAS a Debian OpenSSH. */
function devicesWithSoftware(): StoredDevice[] {
  return DEVICES.map((d) => {
    if (d.ip === '10.77.0.11') {
      const services = [
        { port: 22, transport: 'tcp' as const, service: 'ssh', encrypted: false, banner: 'SSH-2.0-dropbear_2014.63', product: 'dropbear_2014.63' },
        { port: 80, transport: 'tcp' as const, service: 'http', encrypted: false, banner: null, product: null, http: { status: 200, server: 'Boa/0.94.14rc21 <script>x</script>', title: null, authScheme: null, realm: null } },
      ];
      return { ...d, services, software: softwareInventory({ ...d, services }) };
    }
    if (d.ip === '10.77.0.13') {
      const services = [{ port: 22, transport: 'tcp' as const, service: 'ssh', encrypted: false, banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3', product: null }];
      return { ...d, services, software: softwareInventory({ ...d, services }) };
    }
    return d;
  });
}

describe('handover report: software inventory', () => {
  it('the model lists each announced component with the device, version and exact string', () => {
    const model = buildReportModel(source({ devices: devicesWithSoftware() }), 'en');
    expect(model.software.map((r) => [r.device, r.product, r.version])).toEqual([
      ['Front door camera', 'Dropbear SSH', '2014.63'],
      ['Front door camera', 'Boa', '0.94.14rc21'],
      [expect.any(String), 'OpenSSH', expect.stringMatching(/^9\.2p1 — Debian build/)],
    ]);
    expect(model.software[0]!.where).toBe('ssh-banner 22/tcp: SSH-2.0-dropbear_2014.63');
    expect(model.softwareIntro).toContain(BUILT_IN_CATALOGUE.date);
  });

  it('HTML: a section with the table, the device strings escaped; an empty note without software', () => {
    const html = renderReportHtml(buildReportModel(source({ devices: devicesWithSoftware() }), 'en'));
    expect(html).toContain('<table id="software">');
    expect(html).toContain('Software the devices announce');
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(renderReportHtml(buildReportModel(source(), 'en'))).toContain('No device said which software it runs.');
  });

  it('PDF (Japanese): the heading and the components are in the text layer', async () => {
    const pdf = await renderReportPdf(buildReportModel(source({ devices: devicesWithSoftware() }), 'ja'));
    const file = join(dir, 'ja.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-layout', file, '-'], { timeout: 20_000 });
    expect(stdout).toContain('機器が名乗っているソフトウェア');
    expect(stdout).toContain('Dropbear SSH');
    expect(stdout).toContain('0.94.14rc21');
    expect(stdout).toContain('Debian 版');
  });
});
