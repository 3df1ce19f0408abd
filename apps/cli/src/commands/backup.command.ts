import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { verifyExport } from '@renja/verification';
import { loadConfig } from '@renja/infrastructure/config/config';
import { loadOrCreateLedgerKey } from '@renja/infrastructure/integrity/ledger-key';
import { backupReadme, CHECKPOINT_FILE, LEDGER_FILE, MANIFEST_FILE, README_FILE } from '../backup/backup-format';
import { writeBackup } from '../backup/write-backup';
import { withLedger } from '../context';
import { ProgressBar } from '../progress-bar';
import { msg } from '@renja/domain/shared/messages/message';
import { CliRefusal } from '../cli-refusal';
import { count } from './integrity.command';

/** The backup folder: new, or empty (a half-written backup is never mixed with an older one). */
function prepareFolder(dir: string): boolean {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new CliRefusal('BACKUP_DIR_NOT_EMPTY', msg('BACKUP_DIR_NOT_EMPTY', { dir }), 'dir');
  const created = !existsSync(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return created;
}

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'cadangkan ledger ke sebuah folder: seluruh log dalam satu snapshot yang konsisten, checkpoint bertanda tangan\n' +
        'untuk ukurannya, dan baris lain yang tidak dapat dibangun ulang (checkpoint, kunci idempotensi, token API).\n' +
        'Kunci penanda tangan TIDAK ikut dicadangkan: simpan terpisah. Model baca dibangun ulang saat pemulihan.',
    )
    .argument('<folder>', 'folder tujuan (baru atau kosong)')
    .option('--batch-size <n>', 'peristiwa per pembacaan basis data', count(1), 5000)
    .action(async (folder: string, options: { batchSize: number }) => {
      const dir = resolve(folder);
      const created = prepareFolder(dir);
      const config = loadConfig();
      const hasKey = existsSync(config.ledgerKeyFile);
      const key = hasKey ? loadOrCreateLedgerKey(config.ledgerKeyFile, config.ledgerOrigin) : null;
      try {
        const bar = new ProgressBar('Mencadangkan:', process.stderr, 30, 'peristiwa');
        const { manifest, checkpointNote } = await withLedger(({ db, dataSource }) =>
          writeBackup(db.pool, dir, {
            signer: key?.signer ?? null,
            verifierKey: key?.verifierKey ?? '',
            signingKeyFile: config.ledgerKeyFile,
            readModelTables: dataSource.entityMetadatas.map((m) => m.tableName),
            batchSize: options.batchSize,
            onProgress: (done, total) => bar.update(done, total),
          }),
        );
        bar.finish(manifest.size, manifest.size);
        // Read back what was written: a backup that cannot be restored is found now, not on the day it is needed.
        if (key) {
          const file = join(dir, LEDGER_FILE);
          const report = await verifyExport(createReadStream(file), { verifierKey: key.verifierKey, reopen: () => createReadStream(file) });
          if (!report.ok)
            throw new CliRefusal(
              'BACKUP_VERIFY_FAILED',
              msg('BACKUP_VERIFY_FAILED', { position: String(report.position), detail: report.detail }),
            );
        }
        writeFileSync(join(dir, CHECKPOINT_FILE), checkpointNote, { mode: 0o600 });
        writeFileSync(join(dir, README_FILE), backupReadme(manifest), { mode: 0o600 });
        writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
        const tables = Object.entries(manifest.tables).map(([t, n]) => `${t} ${n}`);
        process.stdout.write(
          [
            `Cadangan ditulis ke ${dir}: ${manifest.size} peristiwa, akar Merkle ${manifest.rootHash}.`,
            `Baris lain: ${tables.length ? tables.join(', ') : 'tidak ada'}.`,
            key
              ? `Diperiksa ulang: rantai hash, akar Merkle dan tanda tangan checkpoint cocok (kunci ${key.verifierKey}).`
              : `Kunci penanda tangan tidak ada di mesin ini: cadangan belum diperiksa ulang. Periksa dengan: renja-ledger verify ${join(dir, LEDGER_FILE)} --key <kunci publik>`,
            key
              ? `Kunci penanda tangan TIDAK ikut dicadangkan. Kunci itu ada di ${config.ledgerKeyFile}: simpan salinannya terpisah dari cadangan ini.`
              : 'Kunci penanda tangan TIDAK ikut dicadangkan: simpan salinan kunci deployment terpisah dari cadangan ini.',
            '',
          ].join('\n'),
        );
      } catch (error) {
        // No half-written backup is left looking like a backup.
        if (created) rmSync(dir, { recursive: true, force: true });
        else for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
        throw error;
      }
    });
}
