#!/usr/bin/env node
// Signs a software catalogue for `mamori data update` (maintainers only). The private key never
// enters the repository: pass its path. Usage:
//   node deploy/sign-catalogue.mjs CATALOGUE.json PRIVATE-KEY.pem > catalogue.signed.json
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [catalogueFile, keyFile] = process.argv.slice(2);
if (!catalogueFile || !keyFile) {
  process.stderr.write('usage: node deploy/sign-catalogue.mjs CATALOGUE.json PRIVATE-KEY.pem > bundle.json\n');
  process.exit(2);
}
const payload = readFileSync(catalogueFile);
JSON.parse(payload.toString('utf8'));
const key = createPrivateKey(readFileSync(keyFile));
const signature = sign(null, payload, key);
process.stdout.write(JSON.stringify({ schema: 'mamori.signed-catalogue/1', payload: payload.toString('base64'), signature: signature.toString('base64') }) + '\n');
