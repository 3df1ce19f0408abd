import 'reflect-metadata';
import { Command } from 'commander';
import { projectionsCommand } from './commands/projections.command';
import { reportCommand } from './commands/report.command';
import { tokenCommand } from './commands/token.command';
import { checkpointCommand, proofCommand } from './commands/integrity.command';
import { witnessCommand } from './commands/witness.command';
import { exportCommand } from './commands/export.command';
import { verifyCommand } from './commands/verify.command';
import { importCommand } from './commands/import.command';
import { correctCommand } from './commands/correct.command';
import { signatoryCommand } from './commands/signatory.command';
import { faktorCommand } from './commands/faktor.command';
import { backupCommand } from './commands/backup.command';
import { restoreCommand } from './commands/restore.command';
import { messageOf } from '@renja/domain';
import { withLedger } from './context';

const program = new Command('renja-ledger')
  .description(
    'Renja Ledger: an event-sourced audit ledger of Renja plans, pagu and realisasi.\n' +
      'Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in RENJA_DATA_DIR (default ./.renja-ledger).',
  )
  .version('0.1.0')
  .showHelpAfterError();

program.addCommand(tokenCommand());
program.addCommand(projectionsCommand());
program.addCommand(checkpointCommand());
program.addCommand(proofCommand());
program.addCommand(witnessCommand());
program.addCommand(reportCommand());
program.addCommand(exportCommand());
program.addCommand(verifyCommand());
program.addCommand(importCommand());
program.addCommand(correctCommand());
program.addCommand(signatoryCommand());
program.addCommand(faktorCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());
program
  .command('migrate')
  .description('create or upgrade the database schema')
  .action(async () => {
    await withLedger(async ({ db }) => {
      process.stdout.write(db.applied.length ? `Migrasi diterapkan: ${db.applied.join(', ')}\n` : 'Skema basis data sudah mutakhir\n');
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  // A refusal by a rule of the ledger is said in Bahasa Indonesia, as the API and the browser say it.
  process.stderr.write(`renja-ledger: ${messageOf(error, 'id')}\n`);
  process.exit(1);
});
