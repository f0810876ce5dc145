// Printers and scanners.
import type { Rule } from './types.js';

export const printers: readonly Rule[] = [
  { when: { mdns: '_ipp._tcp' }, type: 'printer', weight: 80, model: { txt: ['ty', 'product'] }, note: { en: 'IPP printing', ja: 'IPP 印刷' } },
  { when: { mdns: '_ipps._tcp' }, type: 'printer', weight: 80, model: { txt: ['ty', 'product'] }, note: { en: 'IPP printing over TLS', ja: 'TLS 上の IPP 印刷' } },
  { when: { mdns: '_printer._tcp' }, type: 'printer', weight: 60, model: { txt: ['ty', 'product'] }, note: { en: 'LPD printing', ja: 'LPD 印刷' } },
  { when: { mdns: '_pdl-datastream._tcp' }, type: 'printer', weight: 40, note: { en: 'raw printing', ja: 'RAW 印刷' } },
  { when: { mdns: '_uscan._tcp' }, type: 'printer', weight: 60, note: { en: 'network scanner', ja: 'ネットワークスキャナー' } },
  { when: { upnpDeviceType: /:device:Printer:\d/ }, type: 'printer', weight: 80, model: 'upnp' },
  // service-id names a port `ipp` only when it answered Get-Printer-Attributes in IPP.
  { when: { service: 'ipp' }, type: 'printer', weight: 60, model: 'ipp' },
  { when: { service: 'jetdirect' }, type: 'printer', weight: 30, note: { en: 'raw print port', ja: 'RAW 印刷ポート' } },
  { when: { httpTitle: /LaserJet|OfficeJet|DeskJet|Web Image Monitor|EPSON|Brother|imageRUNNER|PIXMA|Kyocera|Lexmark|Printer/i }, type: 'printer', weight: 70 },
  { when: { httpServer: /CUPS|HP HTTP Server|EPSON_Linux|debut/i }, type: 'printer', weight: 60 },
  { when: { vendor: /^(Brother industries|Seiko Epson|Kyocera|Lexmark|Xerox|Ricoh|Konica Minolta|Sharp Corporation)/i }, type: 'printer', weight: 50 },
  { when: { name: /\b(printer|prn|laserjet|officejet|brn[0-9a-f]{12})\b/i }, type: 'printer', weight: 50 },
  // SNMP, when the agent answered (sysDescr strings as print servers send them; enterprise numbers: IANA PEN registry).
  { when: { snmp: /JETDIRECT|HP ETHERNET MULTI-ENVIRONMENT/i }, type: 'printer', weight: 90, note: { en: 'HP JetDirect print server', ja: 'HP JetDirect プリントサーバー' } },
  { when: { snmp: /^(Brother NC-|EPSON Built-in|Canon (iR|MF|LBP|iP|MX|TS|G)|KYOCERA|Lexmark|Xerox|RICOH|SHARP MX-|KONICA MINOLTA|OKI ?Data)|Print ?Server/i }, type: 'printer', weight: 80 },
  { when: { snmpEnterprise: [253, 367, 641, 1248, 1347, 1602, 2001, 2435, 18334] }, type: 'printer', weight: 70,
    note: { en: 'a printer maker (Xerox, Ricoh, Lexmark, Epson, Kyocera, Canon, OKI, Brother, Konica Minolta)', ja: 'プリンターメーカー（Xerox・リコー・Lexmark・エプソン・京セラ・キヤノン・OKI・ブラザー・コニカミノルタ）' } },
  // Port signatures: raw printing together with IPP or LPD is what network printers open.
  { when: { ports: [9100, 631] }, type: 'printer', weight: 70, note: { en: 'raw printing and IPP', ja: 'RAW 印刷と IPP' } },
  { when: { ports: [9100, 515] }, type: 'printer', weight: 60, note: { en: 'raw printing and LPD', ja: 'RAW 印刷と LPD' } },
];
