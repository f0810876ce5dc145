// Every check, in the order they run on a service. Adding a check: one file, one line here, one test.
import type { Check } from '../core/plugins.js';
import { anonymousAccessAdb } from './anonymous-access-adb.js';
import { anonymousAccessFtp } from './anonymous-access-ftp.js';
import { anonymousAccessHttp } from './anonymous-access-http.js';
import { anonymousAccessMqtt } from './anonymous-access-mqtt.js';
import { anonymousAccessRtsp } from './anonymous-access-rtsp.js';
import { anonymousAccessSmb } from './anonymous-access-smb.js';
import { anonymousAccessVnc } from './anonymous-access-vnc.js';
import { cleartextServiceFtp } from './cleartext-service-ftp.js';
import { cleartextServiceHttp } from './cleartext-service-http.js';
import { cleartextServiceMqtt } from './cleartext-service-mqtt.js';
import { cleartextServiceRtsp } from './cleartext-service-rtsp.js';
import { cleartextServiceTelnet } from './cleartext-service-telnet.js';
import { cleartextServiceSnmp } from './cleartext-service-snmp.js';
import { assertListedServices, listedServiceOf } from './credentials/listed.js';
import { defaultCredentialsFtp } from './default-credentials-ftp.js';
import { defaultCredentialsHttp } from './default-credentials-http.js';
import { defaultCredentialsMqtt } from './default-credentials-mqtt.js';
import { defaultCredentialsRtsp } from './default-credentials-rtsp.js';
import { defaultCredentialsSnmp } from './default-credentials-snmp.js';
import { defaultCredentialsSnmpWrite } from './default-credentials-snmp-write.js';
import { defaultCredentialsSsh } from './default-credentials-ssh.js';
import { defaultCredentialsTelnet } from './default-credentials-telnet.js';
import { defaultCredentialsVnc } from './default-credentials-vnc.js';
import { internetExposureUpnp } from './internet-exposure-upnp.js';
import { internetExposureUpnpIgd } from './internet-exposure-upnp-igd.js';
import { knownVulnerabilitySoftware } from './known-vulnerability-software.js';
import { outdatedProtocolSmb } from './outdated-protocol-smb.js';
import { outdatedSoftware } from './outdated-software.js';
import { tlsWeaknessHttps } from './tls-weakness-https.js';
import { tlsWeaknessMqtts } from './tls-weakness-mqtts.js';
import { tlsWeaknessTls } from './tls-weakness-tls.js';

export const checks: readonly Check[] = [
  cleartextServiceTelnet,
  // Exposure checks (no credential tried): anonymous access, cleartext logins, weak TLS.
  anonymousAccessFtp, anonymousAccessMqtt, anonymousAccessRtsp, anonymousAccessHttp,
  anonymousAccessVnc, anonymousAccessAdb, anonymousAccessSmb, outdatedProtocolSmb,
  cleartextServiceFtp, cleartextServiceHttp, cleartextServiceMqtt, cleartextServiceRtsp,
  tlsWeaknessHttps, tlsWeaknessMqtts, tlsWeaknessTls,
  // Software age: reads the inventory (announced product + version) against the offline catalogue.
  knownVulnerabilitySoftware, outdatedSoftware,
  // Internet exposure (reads the home router's UPnP port mappings; no login tried).
  internetExposureUpnp, internetExposureUpnpIgd,
  // Credential checks (intrusive: only with login checks enabled). SNMP's default-credentials runs
  // before cleartext-service-snmp, which reuses its memoised community search.
  defaultCredentialsTelnet, defaultCredentialsSsh, defaultCredentialsFtp, defaultCredentialsHttp,
  defaultCredentialsRtsp, defaultCredentialsMqtt, defaultCredentialsSnmp, defaultCredentialsSnmpWrite, cleartextServiceSnmp,
  defaultCredentialsVnc,
];

/** The services the credential data files list pairs for: those of the credential checks above. */
export const CREDENTIAL_SERVICES: readonly string[] = [...new Set(checks.flatMap((c) => listedServiceOf(c) ?? []))];
assertListedServices(CREDENTIAL_SERVICES);
