// The handover report as one self-contained, printable HTML page: inline CSS, the logo as a data:
// URL, no script, nothing fetched. Every text that came from a device or a person is escaped.
import { logoProblem } from '../storage/settings.js';
import { REPORT_CSS } from './html-style.js';
import type { AcceptedRow, FixedRow, OpenRow, ReportModel } from './model-types.js';
import { fill } from './strings/index.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a quoted attribute. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const e = escapeHtml;
const row = (cells: Array<string | number>): string => `<tr>${cells.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`;
const headRow = (cells: string[]): string => `<tr>${cells.map((c) => `<th>${e(c)}</th>`).join('')}</tr>`;
const list = (items: readonly string[], tag: 'ol' | 'ul' = 'ul'): string => `<${tag}>${items.map((i) => `<li>${e(i)}</li>`).join('')}</${tag}>`;
const sev = (r: { severity: string; severityLabel: string }): string => `<span class="sev sev-${e(r.severity)}">${e(r.severityLabel)}</span>`;
const empty = (text: string): string => `<p class="empty">${e(text)}</p>`;

function cover(m: ReportModel): string {
  const s = m.strings.cover;
  const c = m.cover;
  const or = (v: string | null): string => v ?? s.notSet;
  // The settings schema checked the logo; checked again, since a model may come from anywhere.
  const logo = c.logo && logoProblem(c.logo) === null ? `<img class="logo" alt="" src="${e(c.logo)}">` : '';
  const meta: Array<[string, string]> = [
    [s.site, or(c.siteName)], [s.siteId, c.siteId], [s.customer, or(c.customerName)], [s.installer, or(c.installerName)], [s.company, or(c.installerCompany)],
    [s.date, c.date], [s.networks, c.networks.join(', ') || s.noScan], [s.scanId, c.scanId ?? s.noScan],
    [s.scanTime, c.scanTime ?? s.noScan], [s.version, c.version],
  ];
  return `<section class="cover">${logo}<h1>${e(m.strings.title)}</h1><p class="subtitle">${e(m.strings.subtitle)}</p>`
    + `<table class="meta">${meta.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table></section>`;
}

function inventory(m: ReportModel): string {
  const s = m.strings.inventory;
  const body = m.inventory.length === 0 ? empty(s.empty) : `<table id="inventory">${headRow([s.name, s.type, s.vendor, s.model, s.ip, s.mac])}`
    + m.inventory.map((d) => `<tr><td>${e(d.name)}${d.labelled ? ` ${e(s.labelled)}` : ''}</td><td>${e(d.type)}</td><td>${e(d.vendor)}</td>`
      + `<td>${e(d.model)}</td><td class="mono">${e(d.ip)}</td><td class="mono">${e(d.mac)}</td></tr>`).join('') + '</table>';
  return `<section class="block"><h2>${e(s.heading)}</h2><p class="intro">${e(s.intro)}</p>${body}</section>`;
}

function software(m: ReportModel): string {
  const s = m.strings.software;
  const body = m.software.length === 0 ? empty(s.empty) : `<table id="software">${headRow([s.device, s.product, s.version, s.where])}`
    + m.software.map((r) => `<tr><td>${e(r.device)}</td><td>${e(r.product)}</td><td>${e(r.version)}</td><td class="mono">${e(r.where)}</td></tr>`).join('') + '</table>';
  return `<section class="block"><h2>${e(s.heading)}</h2><p class="intro">${e(m.softwareIntro)}</p>${body}</section>`;
}

function scope(m: ReportModel): string {
  const s = m.strings.scope;
  const sc = m.scope;
  const dash = m.strings.inventory.unknown;
  const facts: Array<[string, string]> = [
    [s.networks, sc.networks.join(', ') || m.strings.cover.noScan], [s.loginChecks, sc.loginChecks ? s.loginChecksOn : s.loginChecksOff],
    [s.status, sc.status ?? dash], [s.devicesFound, String(sc.devicesFound ?? dash)], [s.addressesProbed, String(sc.addressesProbed ?? dash)],
    [s.duration, sc.duration ?? dash],
  ];
  return `<section class="block"><h2>${e(s.heading)}</h2><table class="meta">${facts.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>`
    + `<h3>${e(s.checksHeading)}</h3><table>${headRow([s.family, s.services, s.kind, s.ran])}`
    + sc.checks.map((c) => row([c.family, c.services.join(', '), c.intrusive ? s.intrusive : s.passive, c.ran ? s.ranYes : s.ranNo])).join('')
    + '</table></section>';
}

function fixed(m: ReportModel, rows: readonly FixedRow[]): string {
  const r = m.strings.results;
  const body = rows.length === 0 ? empty(r.fixedEmpty) : rows.map((f) => `<div class="finding fixed">${sev(f)} <h3>${e(f.title)}</h3>`
    + `<div class="where">${e(f.where)}</div><table class="meta">${[[r.before, f.before], [r.after, f.after], [r.verifiedBy, f.verifiedBy], [r.verifiedAt, f.at]]
      .map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table></div>`).join('');
  return `<section class="block"><h2>${e(r.fixedHeading)}</h2><p class="intro">${e(r.fixedIntro)}</p>${body}</section>`;
}

function open(m: ReportModel, rows: readonly OpenRow[]): string {
  const r = m.strings.results;
  const body = rows.length === 0 ? empty(r.openEmpty) : rows.map((f) => `<div class="finding open">${sev(f)} <h3>${e(f.title)}</h3>`
    + `<div class="where">${e(f.where)}</div><p><strong>${e(r.why)}:</strong> ${e(f.explanation)}</p>`
    + `<strong>${e(r.fix)}</strong>${list(f.fix, 'ol')}`
    + (f.vendorSteps ? `<strong>${e(f.vendorSteps.title)}</strong>${list(f.vendorSteps.steps, 'ol')}` : '')
    + `<strong>${e(r.whoActs)}</strong><ul>${f.whoActs.map((w) => `<li>${w.what ? e(w.what) : `<strong>${e(w.party)}</strong>`}</li>`).join('')}</ul></div>`).join('');
  return `<section class="block"><h2>${e(r.openHeading)}</h2><p class="intro">${e(r.openIntro)}</p>${body}</section>`;
}

function decisions(m: ReportModel, rows: readonly AcceptedRow[], kind: 'accepted' | 'false-positive'): string {
  const r = m.strings.results;
  const accepted = kind === 'accepted';
  if (!accepted && rows.length === 0) return '';
  const header = [r.severity, r.where, r.reason, accepted ? r.acceptedBy : r.markedBy, r.acceptedAt, ...(accepted ? [r.until] : [])];
  const body = rows.length === 0 ? empty(r.acceptedEmpty) : `<table>${headRow(header)}`
    + rows.map((a) => `<tr><td>${sev(a)}<br>${e(a.title)}</td><td>${e(a.where)}</td><td>${e(a.reason)}</td><td>${e(a.acceptedBy)}</td>`
      + `<td>${e(a.at)}</td>${accepted ? `<td>${e(a.until)}</td>` : ''}</tr>`).join('') + '</table>';
  const [heading, intro] = accepted ? [r.acceptedHeading, r.acceptedIntro] : [r.falsePositiveHeading, r.falsePositiveIntro];
  return `<section class="block"><h2>${e(heading)}</h2><p class="intro">${e(intro)}</p>${body}</section>`;
}

function responsibilities(m: ReportModel): string {
  const s = m.strings.responsibilities;
  const t = m.responsibilities;
  return `<section class="block"><h2>${e(s.heading)}</h2><p class="intro">${e(s.intro)}</p><table id="responsibilities">`
    + headRow([s.customer, s.installer, s.external]) + `<tr><td>${list(t.customer)}</td><td>${list(t.installer)}</td><td>${list(t.external)}</td></tr></table></section>`;
}

function signoff(m: ReportModel): string {
  const s = m.strings.signoff;
  const party = (who: string, name: string | null): string => `<section><h3>${e(who)}</h3>`
    + [s.name, s.signature, s.date].map((label, i) => `<div class="line">${i === 0 && name ? e(name) : ''}</div><div class="label">${e(label)}</div>`).join('')
    + '</section>';
  // The trust anchor for later evidence packs, on the page both sides sign.
  const fp = m.cover.evidenceFingerprint;
  const key = fp ? `<table class="meta" id="evidence-key"><tr><th>${e(s.fingerprint)}</th><td class="mono">${e(fp)}</td></tr></table>`
    + `<p class="intro">${e(s.fingerprintNote)}<br><code>${e(fill(s.fingerprintCommand, { fingerprint: fp }))}</code></p>` : '';
  return `<section class="block"><h2>${e(s.heading)}</h2><p class="intro">${e(s.intro)}</p>${key}<div class="signoff">`
    + party(s.installer, m.cover.installerName) + party(s.customer, m.cover.customerName) + '</div></section>';
}

export function renderReportHtml(model: ReportModel): string {
  const footer = fill(model.strings.footer.generated, { version: model.cover.version, date: model.cover.date });
  return `<!doctype html>\n<html lang="${e(model.strings.htmlLang)}"><head><meta charset="utf-8">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(model.strings.title)}</title>`
    + `<style>${REPORT_CSS}</style></head><body><main>`
    + cover(model) + inventory(model) + software(model) + scope(model) + fixed(model, model.fixed) + open(model, model.open)
    + decisions(model, model.accepted, 'accepted') + decisions(model, model.falsePositives, 'false-positive')
    + responsibilities(model) + signoff(model) + `<footer>${e(footer)}</footer></main></body></html>\n`;
}
