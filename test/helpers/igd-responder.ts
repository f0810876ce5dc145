// A loopback UPnP IGD for tests: serves a description and answers SOAP like the lab's miniupnpd
// (recorded answers, test/unit/protocols/fixtures/miniupnpd-igd.json), or misbehaves on demand.
// Every request is recorded (path + SOAPAction + body) so a test can prove what was, or was not, sent.
import type { IncomingMessage } from 'node:http';
import recordedJson from '../unit/protocols/fixtures/miniupnpd-igd.json' with { type: 'json' };
import { startHttpServer, type RunningServer } from './net.js';

export const recordedIgd = recordedJson as { description: string; entry0: string; endOfList: string; externalIp: string };

export interface Mapping { externalPort: number; protocol: 'TCP' | 'UDP'; internalClient: string; internalPort: number; description: string }

export type IgdBehaviour =
  | 'normal'
  /** Every index answers with a valid entry: a list that never ends. */
  | 'endless'
  /** A 100 kB answer. */
  | 'huge'
  /** An answer declaring a DTD with an entity. */
  | 'dtd'
  /** HTTP 500 whose body is not a SOAP fault. */
  | 'bad-fault'
  /** Listing needs a login: fault 606 Action not authorized. */
  | 'unauthorized';

export interface IgdOptions {
  mappings?: Mapping[];
  behaviour?: IgdBehaviour;
  /** Replaces the control URL in the description (default: the recorded /ctl/IPConn). */
  controlUrl?: string;
}

export interface RunningIgd extends RunningServer {
  descriptionUrl: string;
  requests: Array<{ method: string; path: string; soapAction: string | null; body: string }>;
}

const envelope = (inner: string): string =>
  `<?xml version="1.0"?>\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>${inner}</s:Body></s:Envelope>\r\n`;

function entry(m: Mapping): string {
  // The recorded answer with this mapping's values in place.
  return recordedIgd.entry0
    .replace('<NewExternalPort>8080<', `<NewExternalPort>${m.externalPort}<`)
    .replace('<NewProtocol>TCP<', `<NewProtocol>${m.protocol}<`)
    .replace('<NewInternalPort>80<', `<NewInternalPort>${m.internalPort}<`)
    .replace('<NewInternalClient>10.77.0.31<', `<NewInternalClient>${m.internalClient}<`)
    .replace('<NewPortMappingDescription>DVR Web Viewer<', `<NewPortMappingDescription>${m.description.replace(/&/g, '&amp;').replace(/</g, '&lt;')}<`);
}

const fault = (code: number, text: string): string => recordedIgd.endOfList.replace('<errorCode>713<', `<errorCode>${code}<`).replace('>SpecifiedArrayIndexInvalid<', `>${text}<`);

async function bodyOf(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

export async function startIgd(options: IgdOptions = {}): Promise<RunningIgd> {
  const requests: RunningIgd['requests'] = [];
  const mappings = options.mappings ?? [];
  const behaviour = options.behaviour ?? 'normal';
  let port = 0;
  const server = await startHttpServer((req, res) => {
    void bodyOf(req).then((body) => {
      const soapAction = req.headers['soapaction'] ? String(req.headers['soapaction']) : null;
      requests.push({ method: req.method ?? '', path: req.url ?? '', soapAction, body });
      const send = (status: number, text: string): void => { res.writeHead(status, { 'Content-Type': 'text/xml; charset="utf-8"' }); res.end(text); };
      if (req.method === 'GET' && req.url === '/rootDesc.xml') {
        const control = options.controlUrl ?? '/ctl/IPConn';
        return send(200, recordedIgd.description.replace('<controlURL>/ctl/IPConn</controlURL>', `<controlURL>${control}</controlURL>`));
      }
      if (req.method !== 'POST' || req.url !== '/ctl/IPConn') return send(404, '');
      if (soapAction?.includes('#GetExternalIPAddress')) return send(200, recordedIgd.externalIp);
      if (!soapAction?.includes('#GetGenericPortMappingEntry')) return send(500, fault(401, 'Invalid Action'));
      const index = Number(/<NewPortMappingIndex>(\d+)</.exec(body)?.[1] ?? -1);
      switch (behaviour) {
        case 'endless': return send(200, entry({ externalPort: 10000 + (index % 50000), protocol: 'TCP', internalClient: '127.0.0.1', internalPort: 80, description: 'loop' }));
        case 'huge': return send(200, envelope(`<u:GetGenericPortMappingEntryResponse>${'<x>aaaa</x>'.repeat(10_000)}</u:GetGenericPortMappingEntryResponse>`));
        case 'dtd': return send(200, `<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">]>${envelope('<u:GetGenericPortMappingEntryResponse>&a;</u:GetGenericPortMappingEntryResponse>')}`);
        case 'bad-fault': return send(500, '<html><body>Internal Server Error</body></html>');
        case 'unauthorized': return send(500, fault(606, 'Action not authorized'));
        default: {
          const m = mappings[index];
          return m ? send(200, entry(m)) : send(500, recordedIgd.endOfList);
        }
      }
    });
  });
  port = server.port;
  return Object.assign(server, { descriptionUrl: `http://127.0.0.1:${port}/rootDesc.xml`, requests });
}
