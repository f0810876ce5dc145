// Printers and scanners.
import type { Rule } from './types.js';

export const printers: readonly Rule[] = [
  { when: { mdns: '_ipp._tcp' }, type: 'printer', weight: 80, model: { txt: ['ty', 'product'] }, note: { en: 'IPP printing', ja: 'IPP 印刷' } },
  { when: { mdns: '_ipps._tcp' }, type: 'printer', weight: 80, model: { txt: ['ty', 'product'] }, note: { en: 'IPP printing over TLS', ja: 'TLS 上の IPP 印刷' } },
  { when: { mdns: '_printer._tcp' }, type: 'printer', weight: 60, model: { txt: ['ty', 'product'] }, note: { en: 'LPD printing', ja: 'LPD 印刷' } },
  { when: { mdns: '_pdl-datastream._tcp' }, type: 'printer', weight: 40, note: { en: 'raw printing', ja: 'RAW 印刷' } },
  { when: { mdns: '_uscan._tcp' }, type: 'printer', weight: 60, note: { en: 'network scanner', ja: 'ネットワークスキャナー' } },
  { when: { upnpDeviceType: /:device:Printer:\d/ }, type: 'printer', weight: 80, model: 'upnp' },
  { when: { service: 'ipp' }, type: 'printer', weight: 60 },
  { when: { service: 'jetdirect' }, type: 'printer', weight: 30, note: { en: 'raw print port', ja: 'RAW 印刷ポート' } },
  { when: { httpTitle: /LaserJet|OfficeJet|DeskJet|Web Image Monitor|EPSON|Brother|imageRUNNER|PIXMA|Kyocera|Lexmark|Printer/i }, type: 'printer', weight: 70 },
  { when: { httpServer: /CUPS|HP HTTP Server|EPSON_Linux|debut/i }, type: 'printer', weight: 60 },
  { when: { vendor: /^(Brother industries|Seiko Epson|Kyocera|Lexmark|Xerox|Ricoh|Konica Minolta|Sharp Corporation)/i }, type: 'printer', weight: 50 },
  { when: { name: /\b(printer|prn|laserjet|officejet|brn[0-9a-f]{12})\b/i }, type: 'printer', weight: 50 },
];
