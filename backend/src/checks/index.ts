// Every check, in the order they run on a service. Adding a check: one file, one line here, one test.
import type { Check } from '../core/plugins.js';
import { cleartextServiceTelnet } from './cleartext-service-telnet.js';

export const checks: readonly Check[] = [cleartextServiceTelnet];
