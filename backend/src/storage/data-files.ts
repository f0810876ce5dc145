// Names of the files in the appliance's data directory that more than one layer needs to know
// (storage's backup and restore, the evidence key's owner, the CLI reading a data directory).

/** The evidence-signing key (Ed25519, PKCS#8 PEM, 0600): written by evidence/key.ts, carried by backups. */
export const EVIDENCE_KEY_FILE = 'evidence-key.pem';

/** Read-only API tokens (api/api-tokens.ts): SHA-256 hashes only, never a token; carried by backups. */
export const API_TOKENS_FILE = 'api-tokens.json';
