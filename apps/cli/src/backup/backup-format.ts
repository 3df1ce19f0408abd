import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A backup is a folder (docs/operations.md, "Backup and restore"):
 * - ledger.jsonl: the whole log in the export format (docs/verification.md), against a checkpoint of exactly its size,
 *   so `renja-ledger verify ledger.jsonl --key …` checks it on its own;
 * - tables.jsonl: the other rows the ledger cannot rebuild (every checkpoint ever issued, idempotency results, API
 *   tokens), one {"table", "row"} object per line, read in the same snapshot as the log;
 * - checkpoint.txt: the signed checkpoint the log is verified against;
 * - manifest.json: what is in it, with a SHA-256 of each file.
 * Read models are not in it: restore rebuilds them. The signing key is not in it either, on purpose.
 */
export const BACKUP_FORMAT = 'renja-ledger-backup';
export const LEDGER_FILE = 'ledger.jsonl';
export const TABLES_FILE = 'tables.jsonl';
export const CHECKPOINT_FILE = 'checkpoint.txt';
export const MANIFEST_FILE = 'manifest.json';
export const README_FILE = 'BACA-SAYA.txt';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  origin: string;
  /** Informational: restore trusts only the key it is given (or the deployment's own key file). */
  verifierKey: string;
  size: number;
  rootHash: string;
  /** Rows per table in tables.jsonl. */
  tables: Record<string, number>;
  /** Schema steps the source database had applied. */
  migrations: string[];
  /** SHA-256 (hex) of every file of the backup except this one. */
  files: Record<string, string>;
  /** Where the source kept its signing key: NOT in the backup. */
  signingKeyFile: string;
}

/** A folder that is not a backup, or one whose files changed since it was written: a usage problem, not a tampered log. */
export class BackupFormatError extends Error {
  override readonly name = 'BackupFormatError';
}

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export function readManifest(dir: string): BackupManifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new BackupFormatError(`${dir} bukan folder cadangan Renja Ledger: ${MANIFEST_FILE} tidak ada`);
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<BackupManifest>;
  } catch {
    throw new BackupFormatError(`${file} bukan JSON yang sah`);
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupFormatError(`${file} bukan manifes cadangan Renja Ledger`);
  if (manifest.version !== 1) throw new BackupFormatError(`versi cadangan ${String(manifest.version)} tidak dikenal`);
  return manifest as BackupManifest;
}

/** The readme beside the data: the first thing an operator opening the folder months later reads. */
export function backupReadme(manifest: BackupManifest): string {
  return [
    'Cadangan Renja Ledger',
    '',
    `Dibuat: ${manifest.createdAt}`,
    `Log: ${manifest.size} peristiwa, akar Merkle ${manifest.rootHash}`,
    `Ditandatangani oleh: ${manifest.verifierKey}`,
    '',
    'Kunci penanda tangan checkpoint TIDAK ada di cadangan ini, dan memang tidak boleh.',
    `Di server asal kunci itu ada di: ${manifest.signingKeyFile}`,
    'Simpan salinan kunci itu terpisah dari cadangan basis data (misalnya di brankas kunci atau media lain),',
    'karena siapa pun yang memegang keduanya dapat menulis ulang riwayat dan menandatanganinya kembali.',
    '',
    'Memulihkan: renja-ledger restore <folder ini> --key <kunci verifikasi publik>',
    'Memeriksa saja: renja-ledger verify <folder ini>/ledger.jsonl --key <kunci verifikasi publik>',
    'Berkas tables.jsonl memuat hash token API: simpan folder ini serahasia basis datanya.',
    '',
  ].join('\n');
}
