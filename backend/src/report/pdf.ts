// The handover report as a PDF, made on the box with pdfkit (loaded on first use) and a Japanese
// font from a Debian package, embedded as a subset: the reader's fonts are never relied on.
import type { FixedRow, OpenRow, ReportModel } from './model-types.js';
import { findReportFont, type FontFace } from './fonts.js';
import { fill } from './strings/index.js';
import { logoProblem } from '../storage/settings.js';

export { findReportFont, FontMissingError } from './fonts.js';

type Doc = PDFKit.PDFDocument;
const INK = '#1c232b';
const MUTED = '#47525e';
const ACCENT = '#12385a';
const SEVERITY_COLOURS: Record<string, string> = { critical: '#9b1c1c', high: '#c2410c', medium: '#a16207', low: '#3f6212', info: '#475569' };
const MARGIN = { top: 48, bottom: 56, left: 46, right: 46 };

export interface PdfOptions {
  /** A font file to use instead of the installed candidates ("file.ttc#PostScriptName" for a collection). */
  font?: string;
}

/** Per document, the registered name of the heading face: 'regular' when there is no bold face. */
const boldNames = new WeakMap<Doc, string>();
const boldName = (doc: Doc): string => boldNames.get(doc) ?? 'regular';
const bold = (doc: Doc): Doc => doc.font(boldName(doc));

/**
 * Registers the faces. One face under two names would be re-read from disk at every switch (pdfkit
 * caches a font under the first name only), so a missing bold face is not registered at all.
 */
function register(doc: Doc, regular: FontFace, bold: FontFace): string {
  const add = (name: string, face: FontFace): void => {
    if (face.postscriptName) doc.registerFont(name, face.path, face.postscriptName);
    else doc.registerFont(name, face.path);
  };
  add('regular', regular);
  if (bold.path === regular.path && bold.postscriptName === regular.postscriptName) return 'regular';
  add('bold', bold);
  return 'bold';
}

/** Starts a new page unless `height` points still fit on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN.bottom) doc.addPage();
}

function width(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 80);
  bold(doc.moveDown(0.8)).fontSize(14).fillColor(ACCENT).text(text, MARGIN.left);
  const y = doc.y + 1;
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + width(doc), y).lineWidth(1.2).strokeColor(ACCENT).stroke();
  doc.moveDown(0.4).font('regular').fontSize(9.5).fillColor(INK);
}

function intro(doc: Doc, text: string): void {
  doc.font('regular').fontSize(9).fillColor(MUTED).text(text, MARGIN.left).moveDown(0.3).fontSize(9.5).fillColor(INK);
}

/** A table; with `header`, its first row is the shaded header (the key/value fact tables have none). */
function table(doc: Doc, header: string[] | null, rows: string[][], columns: number[]): void {
  ensureSpace(doc, 60); // a header never sits alone at the foot of a page
  doc.font('regular').fontSize(8.5).fillColor(INK);
  doc.table({
    position: { x: MARGIN.left },
    maxWidth: width(doc),
    columnStyles: columns,
    defaultStyle: { border: 0.5, borderColor: '#c5ccd3', padding: [2, 3] },
    rowStyles: (i) => (i === 0 && header ? { backgroundColor: '#eef2f6' } : undefined),
    data: header ? [header.map((text) => ({ text, font: { src: boldName(doc) } })), ...rows] : rows,
  });
  doc.x = MARGIN.left;
  doc.moveDown(0.4).fontSize(9.5);
}

function facts(doc: Doc, pairs: Array<[string, string]>): void {
  table(doc, null, pairs.map(([k, v]) => [k, v]), [width(doc) * 0.34, width(doc) * 0.66]);
}

function list(doc: Doc, items: readonly string[], numbered: boolean): void {
  doc.font('regular').fontSize(9.5).fillColor(INK).list([...items], MARGIN.left + 8, doc.y, {
    listType: numbered ? 'numbered' : 'bullet', width: width(doc) - 8, bulletRadius: 1.6, textIndent: 12, paragraphGap: 1,
  });
  doc.x = MARGIN.left;
}

function findingTitle(doc: Doc, f: { severity: string; severityLabel: string; title: string; where: string }): void {
  ensureSpace(doc, 90);
  bold(doc.moveDown(0.5)).fontSize(10.5).fillColor(SEVERITY_COLOURS[f.severity] ?? INK).text(`[${f.severityLabel}] `, MARGIN.left, doc.y, { continued: true })
    .fillColor(INK).text(f.title);
  doc.font('regular').fontSize(8.5).fillColor(MUTED).text(f.where).fontSize(9.5).fillColor(INK).moveDown(0.2);
}

function label(doc: Doc, text: string): void {
  bold(doc.moveDown(0.2)).fontSize(9.5).fillColor(INK).text(text, MARGIN.left).font('regular');
}

function cover(doc: Doc, m: ReportModel): void {
  const c = m.cover;
  const s = m.strings.cover;
  if (c.logo && logoProblem(c.logo) === null) {
    // A logo the PDF library still cannot read (stored by an older version) is left out, not a failed report.
    try {
      doc.image(Buffer.from(c.logo.slice(c.logo.indexOf(',') + 1), 'base64'), MARGIN.left, doc.y, { fit: [170, 85] });
      doc.y += 95;
    } catch { /* no logo */ }
  }
  bold(doc).fontSize(22).fillColor(ACCENT).text(m.strings.title, MARGIN.left).moveDown(0.3);
  doc.font('regular').fontSize(11).fillColor(MUTED).text(m.strings.subtitle).moveDown(1.2).fillColor(INK);
  const or = (v: string | null): string => v ?? s.notSet;
  facts(doc, [
    [s.site, or(c.siteName)], [s.siteId, c.siteId], [s.customer, or(c.customerName)], [s.installer, or(c.installerName)], [s.company, or(c.installerCompany)],
    [s.date, c.date], [s.networks, c.networks.join(', ') || s.noScan], [s.scanId, c.scanId ?? s.noScan], [s.scanTime, c.scanTime ?? s.noScan],
    [s.version, c.version],
  ]);
}

function scope(doc: Doc, m: ReportModel): void {
  const s = m.strings.scope;
  const sc = m.scope;
  const dash = m.strings.inventory.unknown;
  heading(doc, s.heading);
  facts(doc, [
    [s.networks, sc.networks.join(', ') || m.strings.cover.noScan], [s.loginChecks, sc.loginChecks ? s.loginChecksOn : s.loginChecksOff],
    [s.status, sc.status ?? dash], [s.devicesFound, String(sc.devicesFound ?? dash)], [s.addressesProbed, String(sc.addressesProbed ?? dash)],
    [s.duration, sc.duration ?? dash],
  ]);
  label(doc, s.checksHeading);
  const w = width(doc);
  table(doc, [s.family, s.services, s.kind, s.ran], sc.checks.map((c) => [c.family, c.services.join(', '), c.intrusive ? s.intrusive : s.passive, c.ran ? s.ranYes : s.ranNo]), [w * 0.34, w * 0.36, w * 0.18, w * 0.12]);
}

function fixed(doc: Doc, m: ReportModel, rows: readonly FixedRow[]): void {
  const r = m.strings.results;
  heading(doc, r.fixedHeading);
  intro(doc, rows.length === 0 ? r.fixedEmpty : r.fixedIntro);
  for (const f of rows) {
    findingTitle(doc, f);
    facts(doc, [[r.before, f.before], [r.after, f.after], [r.verifiedBy, f.verifiedBy], [r.verifiedAt, f.at]]);
  }
}

function open(doc: Doc, m: ReportModel, rows: readonly OpenRow[]): void {
  const r = m.strings.results;
  heading(doc, r.openHeading);
  intro(doc, rows.length === 0 ? r.openEmpty : r.openIntro);
  for (const f of rows) {
    findingTitle(doc, f);
    doc.text(f.explanation, MARGIN.left);
    label(doc, r.fix);
    list(doc, f.fix, true);
    if (f.vendorSteps) { label(doc, f.vendorSteps.title); list(doc, f.vendorSteps.steps, true); }
    label(doc, r.whoActs);
    // The knowledge's sentence names the party itself ("You (the owner): …"); the label alone otherwise.
    list(doc, f.whoActs.map((w) => w.what || w.party), false);
  }
}

function decisions(doc: Doc, m: ReportModel, accepted: boolean): void {
  const r = m.strings.results;
  const rows = accepted ? m.accepted : m.falsePositives;
  if (!accepted && rows.length === 0) return;
  heading(doc, accepted ? r.acceptedHeading : r.falsePositiveHeading);
  intro(doc, rows.length === 0 ? r.acceptedEmpty : accepted ? r.acceptedIntro : r.falsePositiveIntro);
  if (rows.length === 0) return;
  const w = width(doc);
  table(doc, [r.where, r.reason, accepted ? r.acceptedBy : r.markedBy, r.acceptedAt, ...(accepted ? [r.until] : [])],
    rows.map((a) => [`[${a.severityLabel}] ${a.title}\n${a.where}`, a.reason, a.acceptedBy, a.at, ...(accepted ? [a.until] : [])]),
    accepted ? [w * 0.3, w * 0.26, w * 0.16, w * 0.14, w * 0.14] : [w * 0.34, w * 0.34, w * 0.16, w * 0.16]);
}

function responsibilities(doc: Doc, m: ReportModel): void {
  const s = m.strings.responsibilities;
  heading(doc, s.heading);
  intro(doc, s.intro);
  for (const [title, items] of [[s.customer, m.responsibilities.customer], [s.installer, m.responsibilities.installer], [s.external, m.responsibilities.external]] as const) {
    ensureSpace(doc, 60);
    label(doc, title);
    list(doc, items, false);
  }
}

function signoff(doc: Doc, m: ReportModel): void {
  const s = m.strings.signoff;
  const fp = m.cover.evidenceFingerprint;
  ensureSpace(doc, fp ? 300 : 230);
  heading(doc, s.heading);
  intro(doc, s.intro);
  // The trust anchor for later evidence packs, on the page both sides sign.
  if (fp) {
    facts(doc, [[s.fingerprint, fp]]);
    intro(doc, s.fingerprintNote);
    doc.font('regular').fontSize(9).fillColor(INK).text(fill(s.fingerprintCommand, { fingerprint: fp }), MARGIN.left + 8).moveDown(0.3).fontSize(9.5);
  }
  const top = doc.y + 6;
  const boxWidth = (width(doc) - 16) / 2;
  [[s.installer, m.cover.installerName], [s.customer, m.cover.customerName]].forEach(([who, name], i) => {
    const x = MARGIN.left + i * (boxWidth + 16);
    doc.rect(x, top, boxWidth, 150).lineWidth(0.8).strokeColor(INK).stroke();
    bold(doc).fontSize(10.5).fillColor(INK).text(who ?? '', x + 8, top + 8, { width: boxWidth - 16 });
    [s.name, s.signature, s.date].forEach((what, row) => {
      const lineY = top + 52 + row * 34;
      if (row === 0 && name) doc.font('regular').fontSize(10).text(name, x + 8, lineY - 14, { width: boxWidth - 16 });
      doc.moveTo(x + 8, lineY).lineTo(x + boxWidth - 8, lineY).lineWidth(0.6).stroke();
      doc.font('regular').fontSize(8).fillColor(MUTED).text(what, x + 8, lineY + 2).fillColor(INK);
    });
  });
  doc.x = MARGIN.left;
  doc.y = top + 160;
}

function footers(doc: Doc, m: ReportModel): void {
  const range = doc.bufferedPageRange();
  const generated = fill(m.strings.footer.generated, { version: m.cover.version, date: m.cover.date });
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const page = fill(m.strings.footer.page, { page: i + 1, pages: range.count });
    doc.page.margins.bottom = 0; // writing below the bottom margin must not start a new page
    doc.font('regular').fontSize(7.5).fillColor(MUTED)
      .text(`${generated}   ·   ${page}`, MARGIN.left, doc.page.height - 34, { width: width(doc), align: 'center', lineBreak: false });
  }
}

export async function renderReportPdf(model: ReportModel, options: PdfOptions = {}): Promise<Buffer> {
  const font = findReportFont(options.font ?? process.env['MAMORI_REPORT_FONT']);
  // Loaded on first use: pdfkit and fontkit are only needed when someone asks for a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, lang: model.strings.htmlLang, displayTitle: true,
    info: { Title: model.strings.title, Author: model.cover.installerCompany ?? model.cover.installerName ?? 'Mamori', Creator: `Mamori ${model.cover.version}`, Subject: model.cover.siteName ?? '' },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  boldNames.set(doc, register(doc, font.regular, font.bold));
  cover(doc, model);
  doc.addPage();
  const inv = model.strings.inventory;
  heading(doc, inv.heading);
  intro(doc, model.inventory.length === 0 ? inv.empty : inv.intro);
  const w = width(doc);
  if (model.inventory.length > 0) {
    table(doc, [inv.name, inv.type, inv.vendor, inv.model, inv.ip, inv.mac],
      model.inventory.map((d) => [d.labelled ? `${d.name} ${inv.labelled}` : d.name, d.type, d.vendor, d.model, d.ip, d.mac]),
      [w * 0.18, w * 0.14, w * 0.24, w * 0.14, w * 0.13, w * 0.17]);
  }
  const sw = model.strings.software;
  heading(doc, sw.heading);
  intro(doc, model.software.length === 0 ? sw.empty : model.softwareIntro);
  if (model.software.length > 0) {
    table(doc, [sw.device, sw.product, sw.version, sw.where], model.software.map((r) => [r.device, r.product, r.version, r.where]),
      [w * 0.18, w * 0.18, w * 0.2, w * 0.44]);
  }
  scope(doc, model);
  fixed(doc, model, model.fixed);
  open(doc, model, model.open);
  decisions(doc, model, true);
  decisions(doc, model, false);
  responsibilities(doc, model);
  signoff(doc, model);
  footers(doc, model);
  doc.end();
  return finished;
}
