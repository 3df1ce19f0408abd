import { parseOfficeCode, parsePlanCode, type IndicatorDirection, type LegalBasis, type Phase } from '@renja/domain';
import {
  parseDirection,
  parseImportDate,
  parseImportPeriod,
  parseImportPhase,
  parseImportYear,
  parseIndonesianNumber,
  type Cell,
} from './cell-parsers';
import { koreksi, type CorrectionOperation } from './correction-rows';
import type { ImportRow, Problems, ReadFile } from './import-types';
import { renstraRow, type RenstraFiguresRow } from './renstra-rows';
import { RowReader, type RowRef } from './row-reader';
import { TABLE_ORDER, type TableName } from './tables';

export { RowReader, type RowRef } from './row-reader';

interface OnLine {
  at: RowRef;
  year: number;
  office: string;
  code: string;
}

/** What one row (or, for realisations, a group of rows) asks the ledger to do. */
export type ImportOperation =
  | { kind: 'office'; at: RowRef; code: string; name: string }
  | (OnLine & { kind: 'line'; name: string | null })
  | (OnLine & { kind: 'indicator'; name: string; unit: string; direction: IndicatorDirection | null })
  | (OnLine & { kind: 'target'; indicator: string; value: string; effectiveDate: string; reason: string; legalBasis: LegalBasis | null })
  | (OnLine & {
      kind: 'pagu';
      phase: Phase;
      fundingSource: string;
      amount?: string;
      delta?: string;
      effectiveDate: string;
      reason: string | null;
      legalBasis: LegalBasis | null;
    })
  | {
      kind: 'shift';
      at: RowRef;
      year: number;
      office: string;
      fromCode: string;
      toCode: string;
      fundingSource: string;
      amount: string;
      effectiveDate: string;
      reason: string | null;
      legalBasis: LegalBasis | null;
    }
  | (OnLine & {
      kind: 'realisation';
      rows: number[];
      /** The cells of each row of the realisation, by row: a warning names the row a figure came from. */
      rowCells: Map<number, Map<string, Cell>>;
      period: string;
      amount: string | null;
      outputs: Array<{ indicator: string; value: string }>;
      effectiveDate: string | null;
      reason: string | null;
    })
  | {
      kind: 'stated';
      at: RowRef;
      year: number;
      office: string;
      code: string | null;
      label: string;
      measure: string;
      phase: Phase | null;
      period: string | null;
      indicator: string | null;
      value: string;
      source: string;
      note: string | null;
    }
  | (OnLine & RenstraFiguresRow)
  | CorrectionOperation;

const amount = (cell: Cell) => parseIndonesianNumber(cell);
const signedAmount = (cell: Cell) => parseIndonesianNumber(cell, { signed: true });
const value = (cell: Cell) => parseIndonesianNumber(cell, { maxDecimals: 6 });
const percent = (cell: Cell) => parseIndonesianNumber(cell, { percent: true });
const officeCode = (cell: Cell) => parseOfficeCode(cell.text, 'Perangkat Daerah');
const planCode = (cell: Cell) => parsePlanCode(cell.text, 'Kode').code;

function located(r: RowReader, at: RowRef): { at: RowRef; year: number; office: string } | null {
  const year = r.parse('Tahun', parseImportYear);
  const office = r.parse('Perangkat Daerah', officeCode);
  return year !== null && office !== null ? { at, year, office } : null;
}

function onLine(r: RowReader, at: RowRef): OnLine | null {
  const place = located(r, at);
  const code = r.parse('Kode', planCode);
  return place && code ? { ...place, code } : null;
}

function rencana(r: RowReader, at: RowRef): ImportOperation[] {
  const line = onLine(r, at);
  const ops: ImportOperation[] = [];
  if (!line) return ops;
  ops.push({ ...line, kind: 'line', name: r.text('Program/Kegiatan/Sub Kegiatan') });
  const indicator = r.text('Indikator');
  if (indicator !== null) {
    const unit = r.text('Satuan');
    if (unit === null) r.problem('Satuan', 'UNIT_REQUIRED', 'Satuan is required with an Indikator');
    const direction = r.has('Arah') ? r.parse('Arah', parseDirection) : null;
    if (unit !== null) ops.push({ ...line, kind: 'indicator', name: indicator, unit, direction });
  }
  const legalBasis = r.legalBasis();
  if (r.has('Target')) {
    const target = r.parse('Target', value);
    const effectiveDate = r.parse('Tanggal Berlaku', parseImportDate);
    if (indicator === null) r.problem('Indikator', 'INDICATOR_REQUIRED', 'a Target belongs to an Indikator: name it in this row');
    // The API needs a reason for a target; a document's own target gets one that names the document.
    const reason = r.text('Alasan') ?? `Target sesuai dokumen yang diimpor (${at.file})`;
    if (target !== null && effectiveDate && indicator !== null)
      ops.push({ ...line, kind: 'target', indicator, value: target, effectiveDate, reason, legalBasis });
  } else if (r.has('Tanggal Berlaku')) {
    r.problem(
      'Tanggal Berlaku',
      'TARGET_REQUIRED',
      'Tanggal Berlaku in table rencana is the effective date of a Target; this row has none',
    );
  }
  return ops;
}

function pagu(r: RowReader, at: RowRef): ImportOperation[] {
  const line = onLine(r, at);
  const phase = r.parse('Tahapan', parseImportPhase);
  const fundingSource = r.required('Sumber Dana');
  const effectiveDate = r.parse('Tanggal Berlaku', parseImportDate);
  const legalBasis = r.legalBasis();
  const [hasSet, hasDelta] = [r.has('Pagu'), r.has('Perubahan')];
  if (hasSet === hasDelta) {
    r.problem(
      hasSet ? 'Perubahan' : 'Pagu',
      'AMOUNT_OR_DELTA',
      'give exactly one of Pagu (sets the amount of the source in the phase) and Perubahan (a signed change)',
    );
    return [];
  }
  const set = hasSet ? r.parse('Pagu', signedAmount) : null;
  if (set !== null && set.startsWith('-'))
    r.problem('Pagu', 'PAGU_NEGATIVE', `Pagu ${set} is negative: a pagu is never below zero (use Perubahan for a reduction)`);
  const delta = hasDelta ? r.parse('Perubahan', signedAmount) : null;
  if (!line || !phase || !fundingSource || !effectiveDate || (set === null && delta === null) || !r.ok) return [];
  return [
    {
      ...line,
      kind: 'pagu',
      phase,
      fundingSource,
      ...(set !== null ? { amount: set } : { delta: delta! }),
      effectiveDate,
      reason: r.text('Alasan'),
      legalBasis,
    },
  ];
}

function pergeseran(r: RowReader, at: RowRef): ImportOperation[] {
  const place = located(r, at);
  const fromCode = r.parse('Dari Kode', (c) => parsePlanCode(c.text, 'Dari Kode').code);
  const toCode = r.parse('Ke Kode', (c) => parsePlanCode(c.text, 'Ke Kode').code);
  const fundingSource = r.required('Sumber Dana');
  const jumlah = r.parse('Jumlah', amount);
  const effectiveDate = r.parse('Tanggal Berlaku', parseImportDate);
  const legalBasis = r.legalBasis();
  if (!place || !fromCode || !toCode || !fundingSource || jumlah === null || !effectiveDate || !r.ok) return [];
  return [
    { ...place, kind: 'shift', fromCode, toCode, fundingSource, amount: jumlah, effectiveDate, reason: r.text('Alasan'), legalBasis },
  ];
}

function realisasi(r: RowReader, at: RowRef): ImportOperation[] {
  const line = onLine(r, at);
  const period = line ? r.parse('Periode', (c) => parseImportPeriod(c, line.year)) : null;
  const money = r.parse('Realisasi', amount, false);
  const indicator = r.text('Indikator');
  const output = r.parse('Realisasi Kinerja', value, indicator !== null);
  if (indicator === null && output !== null)
    r.problem('Indikator', 'INDICATOR_REQUIRED', 'Realisasi Kinerja belongs to an Indikator: name it in this row');
  const effectiveDate = r.parse('Tanggal Berlaku', parseImportDate, false);
  if (!line || !period || !r.ok) return [];
  if (money === null && indicator === null) {
    r.problem('Realisasi', 'REALISATION_EMPTY', 'give Realisasi (Rp), or an Indikator with its Realisasi Kinerja, or both');
    return [];
  }
  const outputs = indicator !== null && output !== null ? [{ indicator, value: output }] : [];
  return [
    {
      ...line,
      kind: 'realisation',
      rows: [at.row],
      rowCells: new Map([[at.row, at.cells]]),
      period,
      amount: money,
      outputs,
      effectiveDate,
      reason: r.text('Alasan'),
    },
  ];
}

function total(r: RowReader, at: RowRef): ImportOperation[] {
  const place = located(r, at);
  const code = r.parse('Kode', planCode, false);
  const label = r.required('Uraian');
  const measure = (r.required('Besaran') ?? '').toUpperCase();
  if (measure && !['PAGU', 'REALISASI', 'SERAPAN', 'TARGET'].includes(measure)) {
    r.problem('Besaran', 'MEASURE_UNKNOWN', 'Besaran must be PAGU, REALISASI, SERAPAN or TARGET');
  }
  const phase = r.parse('Tahapan', parseImportPhase, false);
  const period = place ? r.parse('Periode', (c) => parseImportPeriod(c, place.year), false) : null;
  const parser = measure === 'SERAPAN' ? percent : measure === 'TARGET' ? value : amount;
  const nilai = r.parse('Nilai', parser);
  const source = r.required('Sumber');
  if (!place || !label || nilai === null || !source || !r.ok) return [];
  return [
    {
      ...place,
      kind: 'stated',
      code,
      label,
      measure,
      phase,
      period,
      indicator: r.text('Indikator'),
      value: nilai,
      source,
      note: r.text('Keterangan'),
    },
  ];
}

function perangkatDaerah(r: RowReader, at: RowRef): ImportOperation[] {
  const code = r.parse('Kode Perangkat Daerah', (c) => parseOfficeCode(c.text, 'Kode Perangkat Daerah'));
  const name = r.required('Nama Perangkat Daerah');
  return code && name ? [{ kind: 'office', at, code, name }] : [];
}

const MAPPERS: Record<TableName, (r: RowReader, at: RowRef) => ImportOperation[]> = {
  perangkat_daerah: perangkatDaerah,
  rencana,
  pagu,
  pergeseran,
  realisasi,
  renstra: (r, at) => {
    const line = onLine(r, at);
    const figures = renstraRow(r);
    return line && figures ? [{ ...line, ...figures }] : [];
  },
  total,
  koreksi,
};

/** Rows of one realisation (same year, office, line and period) become one command, as the API takes it. */
function groupRealisations(ops: ImportOperation[], problems: Problems): ImportOperation[] {
  const groups = new Map<string, Extract<ImportOperation, { kind: 'realisation' }>>();
  const out: ImportOperation[] = [];
  for (const op of ops) {
    if (op.kind !== 'realisation') {
      out.push(op);
      continue;
    }
    const key = `${op.year}|${op.office}|${op.code}|${op.period}`;
    const group = groups.get(key);
    if (!group) {
      // The first row's operation becomes the group: realisasi() made it, its lists and map, for this row alone.
      groups.set(key, op);
      out.push(op);
      continue;
    }
    const clash = (column: string, rule: string, message: string) =>
      problems.add({
        file: op.at.file,
        table: 'realisasi',
        row: op.at.row,
        column,
        value: op.at.cells.get(column)?.text ?? null,
        rule,
        message: `${message} (rows ${group.rows.join(', ')} and ${op.at.row} are one realisation of ${op.code}, ${op.period})`,
      });
    group.rows.push(op.at.row);
    group.rowCells.set(op.at.row, op.at.cells);
    if (op.amount !== null) {
      if (group.amount !== null) clash('Realisasi', 'REALISATION_AMOUNT_TWICE', 'a realisation has at most one Realisasi amount');
      else group.amount = op.amount;
    }
    for (const output of op.outputs) {
      if (group.outputs.some((o) => o.indicator === output.indicator))
        clash('Indikator', 'OUTPUTS_DUPLICATE', `Indikator "${output.indicator}" is reported twice`);
      else group.outputs.push(output);
    }
    if (op.effectiveDate !== null && group.effectiveDate !== null && op.effectiveDate !== group.effectiveDate)
      clash('Tanggal Berlaku', 'EFFECTIVE_DATE_DIFFERS', 'the rows give different dates');
    group.effectiveDate ??= op.effectiveDate;
    if (op.reason !== null && group.reason !== null && op.reason !== group.reason)
      clash('Alasan', 'REASON_DIFFERS', 'the rows give different reasons');
    group.reason ??= op.reason;
  }
  return out;
}

/** Column names in the order of a row's cells → the same names sorted, as JSON: rows of one table share a few. */
const sortedColumns = new Map<string, { names: string[]; json: string }>();
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A row's cells as one string, whatever the order of its columns: the column names sorted (names are unique
 * within a row, so this order is canonical), then the trimmed texts in that order, each part as JSON, so
 * that two rows have the same key exactly when they have the same columns with the same texts.
 */
function rowKey(row: ImportRow): string {
  let columns = '';
  for (const name of row.cells.keys()) columns += `${name}\u0000`;
  let sorted = sortedColumns.get(columns);
  if (!sorted) {
    const names = [...row.cells.keys()].sort(byName);
    sorted = { names, json: JSON.stringify(names) };
    if (sortedColumns.size >= 1000) sortedColumns.clear();
    sortedColumns.set(columns, sorted);
  }
  return `${sorted.json}${JSON.stringify(sorted.names.map((name) => row.cells.get(name)!.text.trim()))}`;
}

const TABLE_INDEX = new Map<TableName, number>(TABLE_ORDER.map((table, i) => [table, i]));

/** Every row of every file as operations, in the order they apply: table by table, rows in file order. */
export function operationsOf(files: ReadFile[], problems: Problems): ImportOperation[] {
  const seen = new Map<string, { file: string; row: number }>();
  const ops: ImportOperation[] = [];
  for (const file of files) {
    for (const row of file.rows) {
      const key = `${row.table}|${rowKey(row)}`;
      const first = seen.get(key);
      if (first) {
        problems.add({
          file: row.file,
          table: row.table,
          row: row.row,
          rule: 'DUPLICATE_ROW',
          message: `the row repeats row ${first.row}${first.file === row.file ? '' : ` of ${first.file}`} exactly`,
        });
        continue;
      }
      seen.set(key, { file: row.file, row: row.row });
      const reader = new RowReader(row, problems);
      const produced = MAPPERS[row.table](reader, {
        file: file.name,
        sha256: file.sha256,
        table: row.table,
        row: row.row,
        cells: row.cells,
      });
      if (reader.ok) ops.push(...produced);
    }
  }
  // Table by table in TABLE_ORDER, rows in the order read within each: a stable bucket per table.
  const byTable = TABLE_ORDER.map((): ImportOperation[] => []);
  for (const op of ops) byTable[TABLE_INDEX.get(op.kind === 'office' ? 'perangkat_daerah' : op.at.table)!].push(op);
  return groupRealisations(byTable.flat(), problems);
}
