import { createReadStream, existsSync } from 'node:fs';
import { Command } from 'commander';
import { reportIn, toVerifier, verifyDatabase, verifyExport, type VerificationReport } from '@renja/verification';
import { LedgerTree } from '@renja/event-store/postgres/ledger-tree';
import type { NoteVerifier } from '@renja/integrity';
import { loadConfig } from '@renja/infrastructure/config/config';
import { loadOrCreateLedgerKey } from '@renja/infrastructure/integrity/ledger-key';
import { checkpointerClass, withLedgerDatabase, type LedgerContext } from '../context';
import { ProgressBar } from '../progress-bar';
import { msg } from '@renja/domain/shared/messages/message';
import { CliRefusal } from '../cli-refusal';
import { count } from './integrity.command';
import { readKey } from './witness.command';

interface VerifyCliOptions {
  database?: boolean;
  key?: string;
  batchSize: number;
  workers?: number;
}

/** A usage error (exit 1), unlike a failed verification (exit 2). */
function verifierFrom(value: string): NoteVerifier {
  try {
    return toVerifier(readKey(value));
  } catch (error) {
    throw new CliRefusal('KEY_FORMAT', msg('KEY_FORMAT', { detail: (error as Error).message }), 'key');
  }
}

/** The live database's key: --key, else the deployment's own key file (never created here: a new key would verify nothing). */
async function databaseVerifier({ db }: LedgerContext, key: string | undefined): Promise<NoteVerifier> {
  if (key !== undefined) return verifierFrom(key);
  const config = loadConfig();
  if (!existsSync(config.ledgerKeyFile))
    throw new CliRefusal('KEY_REQUIRED', msg('KEY_REQUIRED.no_own', { file: config.ledgerKeyFile }), 'key');
  const own = loadOrCreateLedgerKey(config.ledgerKeyFile, config.ledgerOrigin);
  const tree = new LedgerTree(db.pool);
  if (!(await tree.latestCheckpoint())) {
    const Checkpointer = checkpointerClass();
    const issued = await new Checkpointer(tree, { origin: own.origin, signer: own.signer }).issue();
    process.stderr.write(`Belum ada checkpoint: satu checkpoint berukuran ${issued.size} diterbitkan dengan kunci deployment ini.\n`);
  }
  return toVerifier(own.verifierKey);
}

function print(report: VerificationReport): void {
  if (!report.ok) {
    // The kind stays its code (scripts match it; docs/verification.md explains each); the finding is said in Indonesian.
    process.stdout.write(`GAGAL pada posisi ${report.position}: ${report.kind}: ${reportIn(report, 'id').message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(
    `${report.events} peristiwa terverifikasi, akar ${report.rootHash.base64}, checkpoint diperiksa ${report.checkpointsChecked}, ${report.eventsPerSecond} peristiwa/detik\n`,
  );
  if (report.partial)
    process.stdout.write(`ekspor sebagian: setiap peristiwa terbukti ada dalam pohon bertanda tangan berukuran ${report.size}\n`);
  else if (report.checkpointsChecked === 0)
    process.stdout.write('peringatan: ledger belum memiliki checkpoint: rantainya utuh, tetapi belum ada yang ditandatangani\n');
  else if (report.signedSize < report.size)
    process.stdout.write(`catatan: posisi ${report.signedSize + 1}-${report.size} sudah terantai tetapi belum tercakup checkpoint\n`);
}

export function verifyCommand(): Command {
  return new Command('verify')
    .description(
      'check every hash, every chain link, the Merkle root and the checkpoint signature of an export file\n' +
        "(with the deployment's public key) or of the live database; exit 2 naming the first bad position",
    )
    .argument('[file]', 'an export written by `renja-ledger export`')
    .option('--database', 'verify the live database (the whole table) instead of a file')
    .option(
      '--key <key>',
      "the deployment's verifier key, or a file holding it: required for a file; for --database defaults to the deployment's own key",
    )
    .option('--batch-size <n>', 'events per database read', count(1), 5000)
    .option(
      '--workers <n>',
      'threads that hash in parallel (default: the cores beyond two, at most 4; none on two cores); 0: verify on one thread',
      count(0),
    )
    .action(async (file: string | undefined, options: VerifyCliOptions) => {
      if ((file === undefined) === !options.database) throw new CliRefusal('VERIFY_SOURCE', msg('VERIFY_SOURCE'));
      const bar = new ProgressBar('Memverifikasi:');
      const onProgress = (done: number, total: number) => bar.update(done, total);
      let report: VerificationReport;
      if (file !== undefined) {
        // The key inside the file is whatever its author put there: trust only the one given here.
        if (options.key === undefined) throw new CliRefusal('KEY_REQUIRED', msg('KEY_REQUIRED.file'), 'key');
        if (!existsSync(file)) throw new CliRefusal('PATH_NOT_FOUND', msg('PATH_NOT_FOUND', { path: file }), 'file');
        // reopen: a failure found by the parallel pass is named by a second, sequential read of the file.
        const reopen = () => createReadStream(file);
        report = await verifyExport(reopen(), { verifierKey: verifierFrom(options.key), onProgress, reopen, workers: options.workers });
      } else {
        report = await withLedgerDatabase(async (context) =>
          verifyDatabase(context.db.pool, {
            verifierKey: await databaseVerifier(context, options.key),
            batchSize: options.batchSize,
            onProgress,
            workers: options.workers,
          }),
        );
      }
      if (report.ok) bar.finish(report.size, report.size);
      else if (process.stderr.isTTY) process.stderr.write('\n'); // end the bar's line
      print(report);
    });
}
