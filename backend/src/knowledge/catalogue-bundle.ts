// A replacement software catalogue travels as a signed bundle: the catalogue JSON (base64) and an
// Ed25519 signature over exactly those bytes, made with the project's private key (kept offline,
// never in this repository; deploy/sign-catalogue.mjs). Only the PUBLIC key is embedded here.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { validateCatalogue, type SoftwareCatalogue } from './software-catalogue.js';

/** The Mamori project's catalogue-signing public key (Ed25519, SPKI PEM). */
export const PROJECT_CATALOGUE_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAoEeZ2xzDB9Kq2k8mznvfEHFTPDofqqYBAdW9iE7dB7c=
-----END PUBLIC KEY-----
`;

export const BUNDLE_SCHEMA = 'mamori.signed-catalogue/1';
/** A bundle bigger than this is refused before parsing (the built-in one is ~15 kB). */
export const BUNDLE_MAX_BYTES = 4 * 1024 * 1024;

export interface CatalogueBundle {
  schema: typeof BUNDLE_SCHEMA;
  /** The catalogue JSON, base64 of its exact bytes: what was signed. */
  payload: string;
  /** Ed25519 signature of the payload bytes, base64. */
  signature: string;
}

export class CatalogueBundleError extends Error {}

function keyOf(publicKey: string | KeyObject): KeyObject {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  if (key.asymmetricKeyType !== 'ed25519') throw new CatalogueBundleError('the catalogue key must be Ed25519');
  return key;
}

/**
 * The catalogue inside a bundle, only if the signature is the project's (or `publicKey`'s, in tests)
 * and the catalogue is valid; throws CatalogueBundleError otherwise. Nothing of an unverified
 * payload is parsed.
 */
export function openCatalogueBundle(text: string, publicKey: string | KeyObject = PROJECT_CATALOGUE_KEY): SoftwareCatalogue {
  if (Buffer.byteLength(text) > BUNDLE_MAX_BYTES) throw new CatalogueBundleError('the bundle is too large');
  let bundle: Partial<CatalogueBundle>;
  try { bundle = JSON.parse(text) as Partial<CatalogueBundle>; } catch { throw new CatalogueBundleError('the bundle is not JSON'); }
  if (bundle.schema !== BUNDLE_SCHEMA || typeof bundle.payload !== 'string' || typeof bundle.signature !== 'string') {
    throw new CatalogueBundleError(`not a ${BUNDLE_SCHEMA} bundle`);
  }
  const payload = Buffer.from(bundle.payload, 'base64');
  const signature = Buffer.from(bundle.signature, 'base64');
  if (signature.length !== 64 || !verify(null, payload, keyOf(publicKey), signature)) {
    throw new CatalogueBundleError('the signature is not the Mamori project\'s: catalogue refused');
  }
  let catalogue: unknown;
  try { catalogue = JSON.parse(payload.toString('utf8')); } catch { throw new CatalogueBundleError('the signed catalogue is not JSON'); }
  try { return validateCatalogue(catalogue); } catch (error) { throw new CatalogueBundleError((error as Error).message); }
}
