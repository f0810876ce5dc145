// Probes in the order they run: later probes see the services found by earlier ones.
import type { Probe } from '../core/plugins.js';
import { serviceIdProbe } from './service-id.js';
import { tcpPortsProbe } from './tcp-ports.js';
import { udpCoapProbe } from './udp-coap.js';
import { udpSnmpProbe } from './udp-snmp.js';

export const probes: readonly Probe[] = [tcpPortsProbe, serviceIdProbe, udpSnmpProbe, udpCoapProbe];
