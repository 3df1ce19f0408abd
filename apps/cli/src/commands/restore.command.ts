import { createReadStream, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { Client } from 'pg';
import { ledgerMigrations } from '@renja/infrastructure/database/ledger-schema';
import { reportIn, toVerifier, verifyDatabase, verifyExport } from '@renja/verification';
import { PostgresEventStore } from '@renja/event-store';
import type { NoteVerifier } from '@renja/integrity';
import { loadConfig, type LedgerConfig } from '@renja/infrastructure/config/config';
import { openLedgerDatabase, type LedgerDatabase } from '@renja/infrastructure/database/ledger-database';
import { loadOrCreateLedgerKey } from '@renja/infrastructure/integrity/ledger-key';
import { PlanProjection, Projector } from '@renja/projections';
import { BackupFormatError, LEDGER_FILE, readManifest, sha256OfFile } from '../backup/backup-format';
import { restoreBackup, RestoreRefusedError } from '../backup/restore-backup';
import { withDataSource } from '../context';
import { ProgressBar } from '../progress-bar';
import { msg } from '@renja/domain/shared/messages/message';
import { CliRefusal } from '../cli-refusal';
import { readKey } from './witness.command';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The keys to trust: every --key given (an old and a new one after a key change), else the deployment's own key file. */
function trustedVerifiers(keys: string[], config: LedgerConfig): NoteVerifier[] {
  if (keys.length > 0)
    return keys.map((k) => {
      try {
        return toVerifier(readKey(k));
      } catch (error) {
        throw new CliRefusal('KEY_FORMAT', msg('KEY_FORMAT.named', { key: k, detail: (error as Error).message }), 'key');
      }
    });
  if (existsSync(config.ledgerKeyFile)) return [toVerifier(loadOrCreateLedgerKey(config.ledgerKeyFile, config.ledgerOrigin).verifierKey)];
  throw new CliRefusal('KEY_REQUIRED', msg('KEY_REQUIRED.backup', { file: config.ledgerKeyFile }), 'key');
}

/** Refusal: say so; the command then exits 2, like a failed `verify`. */
function refuse(message: string): false {
  process.stderr.write(`Pemulihan DITOLAK: ${message}\nTidak ada data yang dipulihkan.\n`);
  return false;
}

/** Checks the files against the manifest, then the log against the signed checkpoint: all before touching any database. */
async function checkBackup(dir: string, verifiers: NoteVerifier[]): Promise<NoteVerifier | null> {
  const manifest = readManifest(dir);
  for (const [name, sha] of Object.entries(manifest.files)) {
    const file = join(dir, name);
    if (!existsSync(file)) throw new BackupFormatError(`berkas ${name} tidak ada di cadangan`);
    if ((await sha256OfFile(file)) !== sha) {
      refuse(`berkas ${name} berubah sejak cadangan dibuat (SHA-256 tidak sama dengan manifest.json)`);
      return null;
    }
  }
  const file = join(dir, LEDGER_FILE);
  let last = '';
  for (const verifier of verifiers) {
    const report = await verifyExport(createReadStream(file), { verifierKey: verifier, reopen: () => createReadStream(file) });
    if (report.ok) {
      say(`Cadangan sah: ${report.events} peristiwa, akar Merkle ${report.rootHash.base64}, ditandatangani oleh ${verifier.name}.`);
      return verifier;
    }
    last = `posisi ${report.position}, ${report.kind}: ${reportIn(report, 'id').message}`;
    if (report.kind !== 'bad_signature') break;
  }
  refuse(`verifikasi cadangan gagal (${last})`);
  return null;
}

/** The database role that owns the ledger's tables: restore writes recorded times and hashes as they were. */
function ownerUrl(db: LedgerDatabase, config: LedgerConfig): string {
  if (db.embedded) return db.embedded.url;
  return config.migrationDatabaseUrl ?? config.databaseUrl!;
}

async function rebuildReadModels(db: LedgerDatabase): Promise<void> {
  const store = new PostgresEventStore(db.pool);
  try {
    // The same read-model connection (options and pool) as every other command's.
    await withDataSource(db.url, async (dataSource) => {
      const started = Date.now();
      const projector = new Projector(dataSource, store, new PlanProjection());
      await projector.rebuild();
      say(
        `Model baca "${projector.projection.name}" dibangun ulang dalam ${((Date.now() - started) / 1000).toFixed(1).replace('.', ',')} detik.`,
      );
    });
  } finally {
    await store.close();
  }
}

/** What this restore created in the embedded data folder, to be removed if it fails: never anything that was there before. */
function createdSince(dataDir: string, before: Set<string> | null): string[] {
  if (before === null) return [dataDir];
  return existsSync(dataDir)
    ? readdirSync(dataDir)
        .filter((n) => !before.has(n))
        .map((n) => join(dataDir, n))
    : [];
}

/** True when restored; false when refused (and nothing is left of the attempt). */
async function restoreInto(config: LedgerConfig, dir: string, verifiers: NoteVerifier[], signedBy: NoteVerifier): Promise<boolean> {
  const before = config.databaseUrl ? new Set<string>() : existsSync(config.dataDir) ? new Set(readdirSync(config.dataDir)) : null;
  const cleanUp = () => {
    if (config.databaseUrl) return;
    for (const path of createdSince(config.dataDir, before)) rmSync(path, { recursive: true, force: true });
  };
  let db: LedgerDatabase | null = null;
  try {
    db = await openLedgerDatabase(config, ledgerMigrations, (line) => process.stderr.write(`${line}\n`));
    say(`Memulihkan ke ${config.databaseUrl ? 'PostgreSQL eksternal (DATABASE_URL)' : `PostgreSQL bawaan di ${config.dataDir}`} ...`);
    const owner = new Client({ connectionString: ownerUrl(db, config) });
    await owner.connect();
    const bar = new ProgressBar('Memulihkan:', process.stderr, 30, 'peristiwa');
    let summary;
    try {
      summary = await restoreBackup(owner, dir, verifiers, (done, total) => bar.update(done, total));
    } finally {
      await owner.end();
    }
    const rows = Object.entries(summary.tables).map(([t, n]) => `${t} ${n}`);
    say(
      `Dipulihkan: ${summary.events} peristiwa, akar Merkle ${summary.rootHash.toString('base64')}; ${rows.join(', ') || 'tanpa baris lain'}.`,
    );
    if (verifiers.length === 1) {
      const report = await verifyDatabase(db.pool, { verifierKey: signedBy });
      if (!report.ok)
        throw new RestoreRefusedError(
          report.position,
          `basis data hasil pemulihan tidak lolos verifikasi: ${report.kind}: ${reportIn(report, 'id').message}`,
        );
      say(`Verifikasi basis data: bersih (${report.events} peristiwa, ${report.checkpointsChecked} checkpoint diperiksa).`);
    } else say('Verifikasi basis data: rantai hash dan akar setiap checkpoint sudah diperiksa saat memulihkan (lebih dari satu kunci).');
    await rebuildReadModels(db);
    return true;
  } catch (error) {
    await db?.close().catch(() => undefined);
    db = null;
    cleanUp();
    if (error instanceof RestoreRefusedError) {
      if (config.databaseUrl) process.stderr.write('Transaksi pemulihan dibatalkan: basis data tujuan tetap kosong.\n');
      return refuse(error.message);
    }
    throw error;
  } finally {
    await db?.close();
  }
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description(
      'pulihkan cadangan (renja-ledger backup) ke basis data KOSONG: folder data baru (RENJA_DATA_DIR) atau DATABASE_URL.\n' +
        'Cadangan diperiksa dulu (rantai hash, akar Merkle, tanda tangan checkpoint); yang gagal ditolak dan tidak ada yang\n' +
        'dipulihkan. Model baca dibangun ulang sesudahnya. Keluar 2 bila ditolak.',
    )
    .argument('<folder>', 'folder cadangan')
    .option(
      '--key <key>',
      'kunci verifikasi publik deployment (atau berkas yang memuatnya); boleh diulang setelah pergantian kunci; bawaan: kunci penanda tangan di folder data',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (folder: string, options: { key: string[] }) => {
      const dir = resolve(folder);
      const config = loadConfig();
      const verifiers = trustedVerifiers(options.key, config);
      let signedBy: NoteVerifier | null;
      try {
        signedBy = await checkBackup(dir, verifiers);
      } catch (error) {
        if (!(error instanceof BackupFormatError)) throw error;
        signedBy = null;
        refuse(error.message);
      }
      // process.exit, not exitCode: the embedded server's exit hook would end the process with 0.
      if (!signedBy || !(await restoreInto(config, dir, verifiers, signedBy))) process.exit(2);
      if (!existsSync(config.ledgerKeyFile))
        say(
          `Langkah berikutnya: salin kunci penanda tangan ke ${config.ledgerKeyFile} (mode 0600) sebelum menjalankan server. ` +
            'Tanpa kunci itu server membuat kunci baru; bila kunci lama hilang, ikuti docs/operations.md, "Signing key lost".',
        );
    });
}
