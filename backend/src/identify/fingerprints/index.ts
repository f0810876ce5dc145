// Every identification rule, by device family. To teach Mamori a new kind of device, add a file
// here (or rows to the family it belongs to) and list it below — nothing else changes.
import { cameras } from './cameras.js';
import { home } from './home.js';
import { homekit } from './homekit.js';
import { hubs } from './hubs.js';
import { lights } from './lights.js';
import { media } from './media.js';
import { nas } from './nas.js';
import { plugs } from './plugs.js';
import { printers } from './printers.js';
import { routers } from './routers.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  ...routers, ...cameras, ...printers, ...nas, ...media, ...lights, ...plugs, ...hubs, ...homekit, ...home,
];

export type { Rule, Signal, ModelSource } from './types.js';
