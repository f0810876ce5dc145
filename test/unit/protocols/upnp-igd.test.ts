// The IGD control client against a loopback responder speaking the lab miniupnpd's recorded
// answers, and misbehaving ones: a list that never ends (the cap), a huge answer, a DTD, a 500
// that is no SOAP fault, a listing that needs a login, a tarpit.
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_MAPPINGS, connectionServices, externalAddress, listPortMappings, parseSoapAnswer, sendSoapAction,
  type ConnectionService, type SoapSender,
} from '../../../backend/src/protocols/upnp-igd.js';
import { recordedIgd, startIgd, type IgdBehaviour, type Mapping, type RunningIgd } from '../../helpers/igd-responder.js';
import { startSilentServer, timedRejection, type RunningServer } from '../../helpers/net.js';

let igd: RunningIgd | null = null;
let tarpit: RunningServer | null = null;
afterEach(async () => { await igd?.close(); igd = null; await tarpit?.close(); tarpit = null; });

const sender = (timeoutMs = 1000): SoapSender => (control, action, args) => sendSoapAction(control, action, args, { timeoutMs });

const DVR: Mapping[] = [{ externalPort: 8080, protocol: 'TCP', internalClient: '10.77.0.31', internalPort: 80, description: 'DVR Web Viewer' }];

async function controlOf(behaviour: IgdBehaviour, mappings: Mapping[] = DVR): Promise<ConnectionService> {
  igd = await startIgd({ behaviour, mappings });
  const parsed = connectionServices(recordedIgd.description, new URL(igd.descriptionUrl));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.services[0]!;
}

describe('connection services of a description', () => {
  it('finds WANIPConnection in the recorded miniupnpd description, resolved against its URL', () => {
    const parsed = connectionServices(recordedIgd.description, new URL('http://10.77.0.1:2869/rootDesc.xml'));
    expect(parsed).toEqual({ ok: true, services: [{ serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1', controlUrl: new URL('http://10.77.0.1:2869/ctl/IPConn') }] });
  });

  it('honours URLBase and WANPPPConnection, skips other services and unparsable URLs', () => {
    const xml = '<root><URLBase>http://10.0.0.1:5000/</URLBase><device><serviceList>'
      + '<service><serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType><controlURL>/l3f</controlURL></service>'
      + '<service><serviceType>urn:schemas-upnp-org:service:WANPPPConnection:1</serviceType><controlURL>ctl/ppp</controlURL></service>'
      + '<service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:2</serviceType><controlURL>http://[bad</controlURL></service>'
      + '</serviceList></device></root>';
    const parsed = connectionServices(xml, new URL('http://10.0.0.1:80/desc.xml'));
    expect(parsed.ok && parsed.services.map((s) => s.controlUrl.href)).toEqual(['http://10.0.0.1:5000/ctl/ppp']);
  });

  it('refuses a description with a DTD', () => {
    expect(connectionServices('<!DOCTYPE r [<!ENTITY x "y">]><root/>', new URL('http://10.0.0.1/'))).toMatchObject({ ok: false });
  });
});

describe('SOAP answers', () => {
  it('reads the recorded entry, the 713 fault and the external address', () => {
    expect(parseSoapAnswer(200, recordedIgd.entry0, 'GetGenericPortMappingEntry')).toMatchObject({ ok: true, values: { NewExternalPort: '8080', NewInternalClient: '10.77.0.31', NewPortMappingDescription: 'DVR Web Viewer' } });
    expect(parseSoapAnswer(500, recordedIgd.endOfList, 'GetGenericPortMappingEntry')).toEqual({ ok: false, code: 713, description: 'SpecifiedArrayIndexInvalid' });
    expect(parseSoapAnswer(200, recordedIgd.externalIp, 'GetExternalIPAddress')).toEqual({ ok: true, values: { NewExternalIPAddress: '198.51.101.1' } });
  });

  it('throws on an answer to another action, and on a body that is not a SOAP envelope', () => {
    expect(() => parseSoapAnswer(200, recordedIgd.externalIp, 'GetGenericPortMappingEntry')).toThrow(/no GetGenericPortMappingEntryResponse/);
    expect(() => parseSoapAnswer(200, '<html/>', 'GetExternalIPAddress')).toThrow(/Envelope/);
  });
});

describe('listing port mappings on a loopback IGD', () => {
  it('walks the index until fault 713, with one POST per index and the right SOAPAction', async () => {
    const control = await controlOf('normal', [
      { externalPort: 8080, protocol: 'TCP', internalClient: '10.77.0.31', internalPort: 80, description: 'DVR Web Viewer' },
      { externalPort: 3074, protocol: 'UDP', internalClient: '10.77.0.40', internalPort: 3074, description: 'Xbox' },
    ]);
    const list = await listPortMappings(control, sender());
    expect(list.end).toBe('end-of-list');
    expect(list.fault).toBeNull();
    expect(list.mappings).toEqual([
      { remoteHost: '', externalPort: 8080, protocol: 'TCP', internalPort: 80, internalClient: '10.77.0.31', enabled: true, description: 'DVR Web Viewer', leaseDuration: 604411 },
      { remoteHost: '', externalPort: 3074, protocol: 'UDP', internalPort: 3074, internalClient: '10.77.0.40', enabled: true, description: 'Xbox', leaseDuration: 604411 },
    ]);
    expect(igd!.requests.map((r) => [r.method, r.path, r.soapAction])).toEqual([0, 1, 2].map(() => ['POST', '/ctl/IPConn', '"urn:schemas-upnp-org:service:WANIPConnection:1#GetGenericPortMappingEntry"']));
    expect(igd!.requests.map((r) => /<NewPortMappingIndex>(\d+)</.exec(r.body)?.[1])).toEqual(['0', '1', '2']);
    expect(await externalAddress(control, sender())).toBe('198.51.101.1');
  });

  it('an IGD with no mappings: an empty list after one request', async () => {
    const control = await controlOf('normal', []);
    expect(await listPortMappings(control, sender())).toEqual({ mappings: [], end: 'end-of-list', fault: null });
    expect(igd!.requests).toHaveLength(1);
  });

  it('stops at the cap when the list never ends', async () => {
    const control = await controlOf('endless');
    const list = await listPortMappings(control, sender());
    expect(list.end).toBe('cap');
    expect(list.mappings).toHaveLength(MAX_MAPPINGS);
    expect(igd!.requests).toHaveLength(MAX_MAPPINGS);
  });

  it('says a listing that needs a login ended in fault 606', async () => {
    const control = await controlOf('unauthorized');
    expect(await listPortMappings(control, sender())).toEqual({ mappings: [], end: 'fault', fault: { code: 606, description: 'Action not authorized' } });
  });

  it.each([
    ['huge', /larger than/],
    ['dtd', /DTD/],
    ['bad-fault', /Envelope|HTTP 500/],
  ] as const)('rejects a %s answer', async (behaviour, error) => {
    const control = await controlOf(behaviour);
    await expect(listPortMappings(control, sender())).rejects.toThrow(error);
  });

  it('gives up on a tarpit within the deadline', async () => {
    tarpit = await startSilentServer();
    const control: ConnectionService = { serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1', controlUrl: new URL(`http://127.0.0.1:${tarpit.port}/ctl`) };
    const { ms } = await timedRejection(() => listPortMappings(control, sender(300)));
    expect(ms).toBeLessThan(1500);
  });

  it('refuses a control URL that is not http', async () => {
    const control: ConnectionService = { serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1', controlUrl: new URL('https://127.0.0.1:1/ctl') };
    await expect(sendSoapAction(control, 'GetExternalIPAddress', {}, { timeoutMs: 300 })).rejects.toThrow(/scheme/);
  });
});
