/* eslint-disable @typescript-eslint/no-require-imports -- loading a command only when it is run is the point of this
   module; tsc leaves import() as an ES import under module node16, which would bypass the path aliases. */
import { Command } from 'commander';

/**
 * The top-level commands as `renja-ledger --help` lists them, without their implementations.
 *
 * A command's module pulls in what its work needs (the event store, TypeORM, the report renderers with
 * ExcelJS and PDFKit, NestJS CQRS for the writes): loading all of them took about a second before the CLI
 * printed its help. main.ts registers these light entries and loads only the command that is run.
 * command-index.spec.ts holds every entry equal to its command's definition: change both together.
 */
export interface CommandEntry {
  name: string;
  /** As the help lists it: the name, `[options]` when it has options, then its arguments. */
  term: string;
  description: string;
  load: () => Command;
  /** Works without the database (so main.ts does not load pg for it). */
  offline?: true;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'token',
    term: 'token',
    description: 'API tokens: roles, office scope, expiry; the holder is the actor recorded on every event it writes',
    load: () => (require('./commands/token.command') as typeof import('./commands/token.command')).tokenCommand(),
  },
  {
    name: 'projections',
    term: 'projections',
    description: 'read models built from the ledger',
    load: () => (require('./commands/projections.command') as typeof import('./commands/projections.command')).projectionsCommand(),
  },
  {
    name: 'checkpoint',
    term: 'checkpoint',
    description: 'issue a signed checkpoint of the ledger now and print it (a C2SP signed note)',
    load: () => (require('./commands/integrity.command') as typeof import('./commands/integrity.command')).checkpointCommand(),
  },
  {
    name: 'proof',
    term: 'proof',
    description: 'RFC 9162 proofs against issued checkpoints, as JSON',
    load: () => (require('./commands/integrity.command') as typeof import('./commands/integrity.command')).proofCommand(),
  },
  {
    name: 'witness',
    term: 'witness [options]',
    description:
      'keep a deployment honest: remember its last checkpoint in a file and accept a newer one only if it is\n' +
      'signed by its key and provably extends the one held (C2SP tlog-witness semantics)',
    load: () => (require('./commands/witness.command') as typeof import('./commands/witness.command')).witnessCommand(),
    offline: true,
  },
  {
    name: 'report',
    term: 'report [options] <name>',
    description:
      'audit reports, as of any date: pagu-trail (why a pagu is what it is), reconciliation (APBD vs APBD-P), absorption (serapan), evaluation (Renja, Permendagri 86/2017); consistency (stated figures against the ledger)',
    load: () => (require('./commands/report.command') as typeof import('./commands/report.command')).reportCommand(),
  },
  {
    name: 'export',
    term: 'export [options]',
    description:
      'write the ledger, or one office / year / line, as JSON Lines with its signed checkpoint (and, for a part,\n' +
      "each event's inclusion proof), for anyone to check offline with `renja-ledger verify FILE --key KEY`",
    load: () => (require('./commands/export.command') as typeof import('./commands/export.command')).exportCommand(),
  },
  {
    name: 'verify',
    term: 'verify [options] [file]',
    description:
      'check every hash, every chain link, the Merkle root and the checkpoint signature of an export file\n' +
      "(with the deployment's public key) or of the live database; exit 2 naming the first bad position",
    load: () => (require('./commands/verify.command') as typeof import('./commands/verify.command')).verifyCommand(),
  },
  {
    name: 'import',
    term: 'import [options] <path...>',
    description:
      'import CSV/XLSX files in the import format (docs/import-format.md): every row through the same rules as the API, all or nothing',
    load: () => (require('./commands/import.command') as typeof import('./commands/import.command')).importCommand(),
  },
  {
    name: 'correct',
    term: 'correct [options] <eventId>',
    description:
      'correct (replace the fields given) or reverse (--reverse) a recorded change with a new event that references it; the same rules and roles as POST /api/v1/events/{eventId}/corrections (a shift: both legs)',
    load: () => (require('./commands/correct.command') as typeof import('./commands/correct.command')).correctCommand(),
  },
  {
    name: 'signatory',
    term: 'signatory [options] <office>',
    description: "who signs the office's papers (printed in the signature block of every PDF); admins; recorded as an event",
    load: () => (require('./commands/signatory.command') as typeof import('./commands/signatory.command')).signatoryCommand(),
  },
  {
    name: 'faktor',
    term: 'faktor [options] <office>',
    description:
      'faktor pendorong / penghambat / tindak lanjut of a quarter, for the office or one line (printed after the evaluation); planners; recorded as an event',
    load: () => (require('./commands/faktor.command') as typeof import('./commands/faktor.command')).faktorCommand(),
  },
  {
    name: 'backup',
    term: 'backup [options] <folder>',
    description:
      'cadangkan ledger ke sebuah folder: seluruh log dalam satu snapshot yang konsisten, checkpoint bertanda tangan\n' +
      'untuk ukurannya, dan baris lain yang tidak dapat dibangun ulang (checkpoint, kunci idempotensi, token API).\n' +
      'Kunci penanda tangan TIDAK ikut dicadangkan: simpan terpisah. Model baca dibangun ulang saat pemulihan.',
    load: () => (require('./commands/backup.command') as typeof import('./commands/backup.command')).backupCommand(),
  },
  {
    name: 'restore',
    term: 'restore [options] <folder>',
    description:
      'pulihkan cadangan (renja-ledger backup) ke basis data KOSONG: folder data baru (RENJA_DATA_DIR) atau DATABASE_URL.\n' +
      'Cadangan diperiksa dulu (rantai hash, akar Merkle, tanda tangan checkpoint); yang gagal ditolak dan tidak ada yang\n' +
      'dipulihkan. Model baca dibangun ulang sesudahnya. Keluar 2 bila ditolak.',
    load: () => (require('./commands/restore.command') as typeof import('./commands/restore.command')).restoreCommand(),
  },
];

/**
 * The top-level command commander will run for these arguments (without node and the script), if any: the first
 * operand, or the one after `help`. The program's own options (--help, --version) take no value, so the first
 * argument not starting with '-' is the one commander dispatches on.
 */
export function commandNameIn(args: readonly string[]): string | undefined {
  const operands = args.filter((arg) => !arg.startsWith('-'));
  const name = operands[0] === 'help' ? operands[1] : operands[0];
  return COMMANDS.some((entry) => entry.name === name) ? name : undefined;
}

/** Whether the command that is run (commandNameIn) may open the database: all but the offline ones. */
export function mayOpenDatabase(name: string | undefined): boolean {
  return name !== undefined && !COMMANDS.some((entry) => entry.name === name && entry.offline);
}

/** The real command for the one that is run; a light stand-in, listed in the help, for every other. */
export function registerCommands(program: Command, args: readonly string[]): void {
  const run = commandNameIn(args);
  // The read-model entities' decorators need it before any command module loads them.
  if (run) require('reflect-metadata');
  const terms = new Map<Command, string>();
  for (const entry of COMMANDS) {
    if (entry.name === run) {
      program.addCommand(entry.load());
    } else {
      const standIn = new Command(entry.name).description(entry.description);
      terms.set(standIn, entry.term);
      program.addCommand(standIn);
    }
  }
  const help = program.createHelp();
  program.configureHelp({ subcommandTerm: (command) => terms.get(command) ?? help.subcommandTerm(command) });
}
