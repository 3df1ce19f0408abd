import { Command } from 'commander';
import { commandNameIn, mayOpenDatabase, registerCommands } from './command-index';
import { loadPg } from './load-pg';

const program = new Command('renja-ledger')
  .description(
    'Renja Ledger: an event-sourced audit ledger of Renja plans, pagu and realisasi.\n' +
      'Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in RENJA_DATA_DIR (default ./.renja-ledger).',
  )
  .version('0.1.0')
  .showHelpAfterError();

function registerMigrate(): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema')
    .action(async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when migrate runs
      const { withLedger } = require('./context') as typeof import('./context');
      await withLedger(async ({ db }) => {
        process.stdout.write(db.applied.length ? `Migrasi diterapkan: ${db.applied.join(', ')}\n` : 'Skema basis data sudah mutakhir\n');
      });
    });
}

// Only the command that is run is loaded: --help and --version start as fast as node itself.
// pg first, before any command module asks for it (load-pg.ts says why).
if (mayOpenDatabase(commandNameIn(process.argv.slice(2)))) loadPg();
registerCommands(program, process.argv.slice(2));
registerMigrate();
program.parseAsync(process.argv).catch((error: unknown) => {
  // A refusal by a rule of the ledger is said in Bahasa Indonesia, as the API and the browser say it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a command fails
  const { messageOf } = require('@renja/domain') as typeof import('@renja/domain');
  process.stderr.write(`renja-ledger: ${messageOf(error, 'id')}\n`);
  process.exit(1);
});
