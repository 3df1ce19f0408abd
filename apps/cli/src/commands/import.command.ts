import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { pathSources, type ImportResult, type ImportStage } from '@renja/application';
import { loadConfig } from '@renja/infrastructure/config/config';
import { DEFAULT_IMPORT_MAX_ROWS, ImportService, LedgerPipeline } from '@renja/application';
import { msg } from '@renja/domain';
import { CliRefusal, requireToken, withActor } from '../refusal';
import { ProgressBar } from '../progress-bar';
import { previewListing, warningLines } from './import-listing';

interface ImportOptions {
  dryRun?: boolean;
  token?: string;
  json?: boolean;
  show?: boolean;
  acceptWarnings?: boolean;
}

const STAGES: Record<ImportStage, { label: string; unit: string }> = {
  reading: { label: 'Reading files:', unit: 'files' },
  validating: { label: 'Validating rows:', unit: 'operations' },
  writing: { label: 'Writing events:', unit: 'events' },
};

/** One progress bar per stage on stderr; a stage's bar is finished when the next one starts. */
function stageProgress(): { update: (stage: ImportStage, done: number, total: number) => void; finish: () => void } {
  let current: { stage: ImportStage; bar: ProgressBar; done: number; total: number } | null = null;
  const finish = () => current && current.bar.finish(current.done, current.total);
  return {
    update(stage, done, total) {
      if (current?.stage !== stage) {
        finish();
        current = { stage, bar: new ProgressBar(STAGES[stage].label, process.stderr, 30, STAGES[stage].unit), done, total };
      }
      current.done = done;
      current.total = total;
      current.bar.update(done, total);
    },
    finish: () => {
      finish();
      current = null;
    },
  };
}

/** Exit status of an import whose warnings were not confirmed: nothing written, like an invalid one, but fixable by --accept-warnings. */
export const EXIT_WARNINGS = 3;

function printResult(result: ImportResult, show: boolean): void {
  const out: string[] = [result.message];
  for (const file of result.files) {
    out.push(
      `  ${file.name}  ${file.bytes} bytes  sha256 ${file.sha256}  ${file.rows} rows${file.alreadyImported ? '  (already imported)' : ''}`,
    );
    if (file.note) out.push(`    ${file.note}`);
  }
  const tables = Object.entries(result.tables).filter(([, t]) => t.rows > 0);
  if (tables.length > 0 && result.status !== 'invalid') {
    out.push('', 'table               rows   events  unchanged');
    for (const [name, t] of tables)
      out.push(`${name.padEnd(18)} ${String(t.rows).padStart(5)}  ${String(t.events).padStart(7)}  ${String(t.unchanged).padStart(9)}`);
  }
  if (show && result.preview) out.push(...previewListing(result.preview, result.warnings, result.problems));
  if (result.warnings.length > 0) out.push(...warningLines(result.warnings));
  if (result.status === 'warnings')
    out.push(
      '',
      'Tidak ada yang ditulis. Periksa setiap baris yang disebut (--dry-run --show menampilkan semua baris sebagaimana dibaca);',
      'bila angkanya memang benar, impor lagi dengan --accept-warnings.',
    );
  if (result.problems.length > 0) {
    out.push('', 'Problems (file:row  column  "value"  RULE  message):');
    for (const p of result.problems) {
      const where = `${p.file ?? '(import)'}${p.table && !p.file?.toLowerCase().endsWith('.csv') ? ` [${p.table}]` : ''}${p.row !== null ? `:${p.row}` : ''}`;
      out.push(
        `  ${where}  ${p.column ?? '-'}  ${p.value !== null ? JSON.stringify(p.value.length > 60 ? `${p.value.slice(0, 60)}…` : p.value) : '-'}  ${p.rule}  ${p.message}`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

export function importCommand(): Command {
  return new Command('import')
    .description(
      'import CSV/XLSX files in the import format (docs/import-format.md): every row through the same rules as the API, all or nothing',
    )
    .argument('<path...>', 'files (.csv, .xlsx) or directories (every .csv and .xlsx in them)')
    .option('--dry-run', 'validate everything and report what would be written; write nothing')
    .option('--token <token>', 'API token of the importing user (default: $RENJA_TOKEN); its holder is recorded as the actor')
    .option('--json', 'print the result as JSON')
    .option('--show', 'list every row as the ledger understood it (table, row, line, what it records, in Indonesian notation)')
    .option(
      '--accept-warnings',
      'write although the import has warnings (an achievement above 200 %, an amount a thousand times off the pagu, a target changed a hundredfold, a suspected decimal comma): you have checked them',
    )
    .action(async (paths: string[], o: ImportOptions) => {
      const token = requireToken(o.token);
      const missing = paths.find((p) => !existsSync(p));
      if (missing) throw new CliRefusal('PATH_NOT_FOUND', msg('PATH_NOT_FOUND', { path: missing }), 'path');
      const sources = pathSources(paths);
      await withActor(token, async ({ store, projector, meta }) => {
        // The command line catches the read model up itself (no projector is running in the background).
        const service = new ImportService(store, new LedgerPipeline(store, { waitFor: () => projector.catchUp() }), {
          maxBytes: loadConfig().importMaxBytes,
          maxRows: DEFAULT_IMPORT_MAX_ROWS,
        });
        const progress = stageProgress();
        const result = await service.run({
          sources,
          principal: meta.principal,
          dryRun: o.dryRun === true,
          acceptWarnings: o.acceptWarnings === true,
          preview: o.show === true,
          onProgress: progress.update,
        });
        progress.finish();
        if (o.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else printResult(result, o.show === true);
        if (result.status === 'invalid') process.exitCode = 2;
        if (result.status === 'warnings') process.exitCode = EXIT_WARNINGS;
      });
    });
}
