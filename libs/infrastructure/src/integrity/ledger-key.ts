import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateSignerKey, parseSignerKey, verifierKeyOf, type NoteSigner } from '@renja/integrity';

/** The deployment's checkpoint signing key: its name is the log's origin line. */
export interface LedgerKey {
  origin: string;
  signer: NoteSigner;
  /** Public key in C2SP verifier-key form: <origin>+<key id>+<base64 key>. */
  verifierKey: string;
  file: string;
}

const ORIGIN = /^[\x21-\x2a\x2c-\x7e]{1,200}$/; // printable, no spaces and no '+' (C2SP key names)

/**
 * Loads the signing key from `file`, or creates it there on first start (mode 0600). The key lives
 * outside the database on purpose: someone who can rewrite the database cannot re-sign history with it.
 */
export function loadOrCreateLedgerKey(file: string, origin?: string, log: (line: string) => void = () => {}): LedgerKey {
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    const signer = parseSignerKey(text);
    if (origin && signer.name !== origin) {
      throw new Error(
        `RENJA_LEDGER_ORIGIN is "${origin}" but the signing key in ${file} is for "${signer.name}"; a log keeps its origin for life`,
      );
    }
    return { origin: signer.name, signer, verifierKey: verifierKeyOf(signer), file };
  }
  const name = origin ?? `renja-ledger.local/${randomBytes(4).toString('hex')}`;
  if (!ORIGIN.test(name)) throw new Error(`ledger origin "${name}" must be printable ASCII without spaces or '+'`);
  const { signerKey, verifierKey } = generateSignerKey(name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${signerKey}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  log(`Created the checkpoint signing key ${file}; public key: ${verifierKey}`);
  return { origin: name, signer: parseSignerKey(signerKey), verifierKey, file };
}
