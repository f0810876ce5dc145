// A port the router forwards from the internet raises the risk of every other weakness on it:
// the DVR's cleartext web login on a forwarded port 80 is likelier to be abused than its telnet,
// which is not forwarded. Real checks and the real knowledge; only the findings are built by hand.
import { describe, expect, it } from 'vitest';
import { cleartextServiceHttp } from '../../../backend/src/checks/cleartext-service-http.js';
import { cleartextServiceTelnet } from '../../../backend/src/checks/cleartext-service-telnet.js';
import { internetExposureUpnp } from '../../../backend/src/checks/internet-exposure-upnp.js';
import { buildFinding, withInternetExposure } from '../../../backend/src/findings/build.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { tcpService } from '../../helpers/context.js';

const dvr = emptyDevice('10.77.0.31', 'e0:50:8b:77:00:31');
dvr.type = 'camera';
dvr.services = [tcpService(80, 'http'), tcpService(23, 'telnet')];
const web = { device: dvr, service: dvr.services[0]! };
const telnet = { device: dvr, service: dvr.services[1]! };
const confirmed = (evidence: string) => ({ confidence: 'confirmed' as const, evidence });

describe('withInternetExposure', () => {
  const http = buildFinding(cleartextServiceHttp, web, confirmed('Basic auth over plain HTTP'));
  const telnetFinding = buildFinding(cleartextServiceTelnet, telnet, confirmed('telnet answers'));
  const mapping = buildFinding(internetExposureUpnp, web, confirmed('the router forwards TCP 198.51.101.1:8080 to 10.77.0.31:80'));

  it('re-assesses the weaknesses on the forwarded port as internet-exposed, and only those', () => {
    const changed = withInternetExposure([http, telnetFinding, mapping], [dvr]);
    expect(changed.map((f) => f.key)).toEqual([http.key]);
    const raised = changed[0]!;
    expect(http.risk!.factors).toContain('exposure.lan');
    expect(raised.risk!.factors).toContain('exposure.internet');
    expect(raised.risk!.likelihood).toBeGreaterThan(http.risk!.likelihood);
    expect(raised.risk!.score).toBeGreaterThan(http.risk!.score);
    expect({ ...raised, risk: undefined }).toEqual({ ...http, risk: undefined });
  });

  it('negative control: without a mapping in the scan, nothing changes; applying it twice changes nothing more', () => {
    expect(withInternetExposure([http, telnetFinding], [dvr])).toEqual([]);
    const once = withInternetExposure([http, mapping], [dvr]);
    expect(withInternetExposure([...once, mapping], [dvr])).toEqual([]);
  });
});
