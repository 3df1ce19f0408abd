import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { parseOfficeCode, parsePlanCode } from '@renja/domain';
import { validateFilter, writeExport, type ExportFilter, type Selection } from '@renja/verification';
import { LedgerTree } from '@renja/event-store/postgres/ledger-tree';
import { loadConfig } from '@renja/infrastructure/config/config';
import { loadOrCreateLedgerKey } from '@renja/infrastructure/integrity/ledger-key';
import { checkpointerClass, withLedgerDatabase } from '../context';
import { ProgressBar } from '../progress-bar';
import { msg } from '@renja/domain/shared/messages/message';
import { CliRefusal } from '../cli-refusal';
import { count } from './integrity.command';

interface ExportCliOptions {
  out: string;
  office?: string;
  year?: number;
  line?: string;
  checkpoint?: number;
}

const year = (value: string) => {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('harus tahun empat angka');
  return Number(value);
};

/** The selection, normalised the way the domain names streams (upper-case office, 4-digit sub kegiatan). */
function selectionOf(options: ExportCliOptions): Selection {
  if (options.office === undefined && options.year === undefined && options.line === undefined) return 'all';
  if (options.line !== undefined && (options.office === undefined || options.year === undefined))
    throw new CliRefusal('LINE_NEEDS_SCOPE', msg('LINE_NEEDS_SCOPE'), 'line');
  const filter: ExportFilter = {
    ...(options.office !== undefined && { office: parseOfficeCode(options.office, '--office') }),
    ...(options.year !== undefined && { year: options.year }),
    ...(options.line !== undefined && { line: parsePlanCode(options.line, '--line').code }),
  };
  return validateFilter(filter);
}

const SELECTION_WORDS: Record<string, string> = { office: 'perangkat daerah', year: 'tahun', line: 'baris' };

const describe = (selection: Selection) =>
  selection === 'all'
    ? 'semua peristiwa'
    : `sebagian: ${Object.entries(selection)
        .map(([k, v]) => `${SELECTION_WORDS[k] ?? k} ${v}`)
        .join(', ')}`;

export function exportCommand(): Command {
  return new Command('export')
    .description(
      'write the ledger, or one office / year / line, as JSON Lines with its signed checkpoint (and, for a part,\n' +
        "each event's inclusion proof), for anyone to check offline with `renja-ledger verify FILE --key KEY`",
    )
    .requiredOption('--out <file>', 'the export file to write')
    .option('--office <code>', "only this office's stream and its lines")
    .option('--year <yyyy>', 'only the lines of this fiscal year', year)
    .option('--line <code>', 'only this line (needs --office and --year)')
    .option('--checkpoint <size>', 'export against this issued checkpoint (default: the latest)', count(0))
    .action(async (options: ExportCliOptions) => {
      const selection = selectionOf(options);
      await withLedgerDatabase(async ({ db }) => {
        const config = loadConfig();
        const key = loadOrCreateLedgerKey(config.ledgerKeyFile, config.ledgerOrigin, (line) => process.stderr.write(`${line}\n`));
        const tree = new LedgerTree(db.pool);
        if (options.checkpoint === undefined && !(await tree.latestCheckpoint())) {
          const Checkpointer = checkpointerClass();
          const issued = await new Checkpointer(tree, { origin: key.origin, signer: key.signer }).issue();
          process.stderr.write(`Belum ada checkpoint: satu checkpoint berukuran ${issued.size} diterbitkan dengan kunci deployment ini.\n`);
        }
        const out = createWriteStream(options.out);
        const bar = new ProgressBar('Mengekspor:');
        const summary = await writeExport(db.pool, out, {
          filter: selection,
          checkpoint: options.checkpoint,
          verifierKey: key.verifierKey,
          onProgress: (done, total) => bar.update(done, total),
        }).finally(() => out.end());
        await finished(out);
        bar.finish(summary.size, summary.size);
        process.stdout.write(
          `${summary.events} peristiwa (${describe(selection)}) diekspor ke ${options.out}\n` +
            `Checkpoint berukuran ${summary.size}, akar ${summary.rootHash.toString('base64')}; hanya posisi sampai ${summary.size} yang disertakan.\n` +
            `Verifikasi dengan: renja-ledger verify ${options.out} --key '${key.verifierKey}'\n`,
        );
      });
    });
}
