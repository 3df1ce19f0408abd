import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { formatDecimal, normaliseKnownAt, parseIsoDate, parseOfficeCode, type AsOf } from '@renja/domain';
// Deep imports, not the package index: the index also loads ExcelJS and PDFKit, which only csv/xlsx/pdf need,
// and TypeORM with the entities, which the readers do not need (they query through the pg pool). What only one
// report or one format needs (the consistency report; a paper's checkpoint and signatory) is loaded where it is
// used, below.
import type { ConsistencyReport } from '@renja/projections/reports/consistency/consistency.report';
import { REPORT_NAMES, reportDocument, type AnyReport, type ReportName } from '@renja/projections/reports/report-documents';
import { ReportReader } from '@renja/projections/reports/report-reader';
import {
  paperProvenance,
  CSV_STYLES,
  PAPERS,
  type CsvStyle,
  type Paper,
  type RenderOptions,
} from '@renja/projections/reports/render/render-options';
import type { renderFile as RenderFile } from '@renja/projections/reports/render/report-formats';
import { renderTextDocument } from '@renja/projections/reports/render/text-table';
import { PLAN_PROJECTION_NAME, projectionPosition } from '@renja/projections/shared/sql-runner';
import { issueCheckpoint, withReadModels, type ReadContext } from '../context';
import { msg } from '@renja/domain/shared/messages/message';
import { CliRefusal } from '../cli-refusal';

const OUTPUT_FORMATS = ['table', 'json', 'csv', 'xlsx', 'pdf'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

interface ReportOptions {
  year: number;
  office: string;
  code?: string;
  from?: string;
  to?: string;
  validAt?: string;
  knownAt?: string;
  format: OutputFormat;
  out?: string;
  paper: Paper;
  csv: CsvStyle;
}

const oneOf =
  <T extends string>(values: readonly T[], what: string) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`${what} harus salah satu dari ${values.join(', ')}`);
    return value as T;
  };

const fiscalYear = (value: string): number => {
  if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100)
    throw new InvalidArgumentError('harus tahun anggaran antara 2000 dan 2100');
  return Number(value);
};

function build(reader: ReportReader, name: ReportName, o: ReportOptions, asOf: AsOf): Promise<AnyReport> {
  const request = { year: o.year, office: parseOfficeCode(o.office, 'office'), asOf };
  switch (name) {
    case 'pagu-trail':
      return reader.paguTrail({ ...request, code: o.code });
    case 'reconciliation':
      return reader.reconciliation({ ...request, from: o.from, to: o.to });
    case 'absorption':
      return reader.absorption(request);
    case 'evaluation':
      return reader.evaluation(request);
  }
}

/** The reports, and the consistency report (stated figures against the ledger), which has no as-of view. */
const NAMES = [...REPORT_NAMES, 'consistency'] as const;
type Name = (typeof NAMES)[number];

/** What a printed paper carries besides its report: where it was drawn from, and who signs it (see docs/reports.md). */
async function paperOptions(context: ReadContext, o: ReportOptions, asOf: AsOf): Promise<RenderOptions> {
  if (o.format === 'csv') return { csv: o.csv };
  /* eslint-disable @typescript-eslint/no-require-imports -- only a paper (xlsx, pdf) needs them */
  const { LedgerTree } = require('@renja/event-store/postgres/ledger-tree') as typeof import('@renja/event-store/postgres/ledger-tree');
  const { readOffice } = require('@renja/projections/plan/office-reader') as typeof import('@renja/projections/plan/office-reader');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const position = await projectionPosition(context.sql, PLAN_PROJECTION_NAME);
  // As the API's papers: the checkpoint named covers everything the paper shows; an older one is followed by a new one.
  let checkpoint = await new LedgerTree(context.db.pool).latestCheckpoint();
  if (!checkpoint || checkpoint.size < position) checkpoint = (await issueCheckpoint(context.db)) ?? checkpoint;
  const office = await readOffice(context.sql, parseOfficeCode(o.office, 'office'));
  return {
    paper: o.paper,
    provenance: paperProvenance(asOf, position, checkpoint),
    signatory: office.signatory ?? null,
  };
}

/** The consistency report's tables, loaded only for that report. */
function consistencyDocument(report: ConsistencyReport): ReturnType<typeof reportDocument> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tables =
    require('@renja/projections/reports/consistency/consistency.tables') as typeof import('@renja/projections/reports/consistency/consistency.tables');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return tables.consistencyDocument(report);
}

async function output(report: AnyReport | ConsistencyReport, o: ReportOptions, options: () => Promise<RenderOptions>): Promise<void> {
  const document = () => (report.report === 'consistency' ? consistencyDocument(report) : reportDocument(report));
  if (o.format === 'table' || o.format === 'json') {
    const text = o.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${renderTextDocument(document())}\n`;
    if (o.out) writeFileSync(o.out, text);
    else process.stdout.write(text);
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file renderers, loaded only for a file format
  const { renderFile } = require('@renja/projections/reports/render/report-formats') as { renderFile: typeof RenderFile };
  const file = await renderFile(document(), o.format, await options());
  if (o.out) writeFileSync(o.out, file);
  else process.stdout.write(file);
  if (o.out) process.stderr.write(`${o.out} ditulis (${formatDecimal(String(file.length), 'id')} bita)\n`);
}

export function reportCommand(): Command {
  return new Command('report')
    .description(
      'audit reports, as of any date: pagu-trail (why a pagu is what it is), reconciliation (APBD vs APBD-P), absorption (serapan), evaluation (Renja, Permendagri 86/2017); consistency (stated figures against the ledger)',
    )
    .argument('<name>', NAMES.join(' | '), oneOf(NAMES, 'nama laporan'))
    .requiredOption('--year <year>', 'fiscal year', fiscalYear)
    .requiredOption('--office <code>', 'office (perangkat daerah) code')
    .option('--code <code>', 'pagu-trail: a line; a kegiatan or program includes everything under it (default: the whole office)')
    .option('--from <phase>', 'reconciliation: phase to compare from (default APBD)')
    .option('--to <phase>', 'reconciliation: phase to compare to (default APBD_P, else the latest phase in effect)')
    .option('--valid-at <date>', 'effective date YYYY-MM-DD: "the pagu on 31 October 2022"')
    .option('--known-at <time>', 'recorded time (date or ISO timestamp, UTC): "as the ledger knew it on 15 December 2022"')
    .option('--format <format>', OUTPUT_FORMATS.join(' | '), oneOf(OUTPUT_FORMATS, '--format'), 'table')
    .option('--out <file>', 'write to this file (required for xlsx and pdf)')
    .option('--paper <paper>', 'pdf, xlsx: landscape A4 or F4 (folio, 215 × 330 mm)', oneOf(PAPERS, '--paper'), 'a4')
    .option(
      '--csv <style>',
      'csv: machine (comma, decimal point) or id (Indonesian spreadsheets: semicolon, decimal comma)',
      oneOf(CSV_STYLES, '--csv'),
      'machine',
    )
    .action(async (name: Name, o: ReportOptions) => {
      if ((o.format === 'xlsx' || o.format === 'pdf') && !o.out)
        throw new CliRefusal('OUT_REQUIRED', msg('OUT_REQUIRED', { format: o.format }), 'out');
      const asOf: AsOf = {};
      if (o.validAt !== undefined) asOf.validAt = parseIsoDate(o.validAt, '--valid-at');
      if (o.knownAt !== undefined) asOf.knownAt = normaliseKnownAt(o.knownAt, '--known-at');
      // The report reads the plan read model, brought up to the head of the ledger first (withReadModels).
      await withReadModels(async (context) => {
        const { store, sql } = context;
        if (name === 'consistency') {
          if (o.validAt !== undefined || o.knownAt !== undefined) throw new CliRefusal('CONSISTENCY_AS_OF', msg('CONSISTENCY_AS_OF'));
          const { ConsistencyReader } =
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for the consistency report
            require('@renja/projections/reports/consistency/consistency.report') as typeof import('@renja/projections/reports/consistency/consistency.report');
          await output(
            await new ConsistencyReader(sql, store).report({ year: o.year, office: parseOfficeCode(o.office, 'office') }),
            o,
            () => paperOptions(context, o, {}),
          );
          return;
        }
        await output(await build(new ReportReader(sql, store), name, o, asOf), o, () => paperOptions(context, o, asOf));
      });
    });
}
