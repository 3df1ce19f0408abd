import { DomainError, LINE_EVENT_TYPES, parseOfficeCode, parsePlanCode } from '@renja/domain';
import type { StreamAppend } from '@renja/event-store';
import {
  CellError,
  parseDirection,
  parseImportDate,
  parseImportPeriod,
  parseImportPhase,
  parseImportYear,
  parseIndonesianNumber,
  type Cell,
} from './cell-parsers';
import type { ImportProblem, ImportRow, ReadFile } from './import-types';
import { TABLES, type TableName } from './tables';

/** An event a row would write: its type and the stream (and so the line) it goes to. */
export interface ImportPreviewRecord {
  type: string;
  streamId: string;
  /** The plan line's code for line events, else null. */
  code: string | null;
  /** A correction (table koreksi): the event it corrects (the latest version of what the row names). */
  corrects?: string;
  /** A correction: the figures it records instead, or null for a reversal. */
  replacement?: Record<string, unknown> | null;
}

/** One row as the importer read it, what it understood and what it would record. */
export interface ImportPreviewRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** Every non-empty cell's text as read, by column name. */
  cells: Record<string, string>;
  /**
   * What the importer understood from the cells it interprets, in the API's machine form: amounts and
   * decimals as plain decimal strings ("1653027794.00"), dates as YYYY-MM-DD, phases (APBD_P), periods
   * (2022-Q4), codes as stored (.0001). A cell it could not read is absent here (and has a problem).
   */
  values: Record<string, string>;
  /**
   * records: the row writes `records`; unchanged: already in the ledger; grouped: part of the realisation
   * written by row `groupedWith`; invalid: the row has a problem.
   */
  outcome: 'records' | 'unchanged' | 'grouped' | 'invalid';
  records: ImportPreviewRecord[];
  groupedWith: number | null;
}

/** The rows of one table of one file (a CSV file, or a sheet of an XLSX file). */
export interface ImportPreviewTable {
  file: string;
  table: TableName;
  /** The table's columns that occur in this file, in the format's order. */
  columns: string[];
  rows: ImportPreviewRow[];
}

export interface ImportPreview {
  tables: ImportPreviewTable[];
  /** Set when the import has more rows than the preview lists (MAX_PREVIEW_ROWS). */
  truncated: boolean;
}

/** A preview is read by a person: beyond this many rows the problem list is what helps. */
export const MAX_PREVIEW_ROWS = 5000;

const amount = (c: Cell) => parseIndonesianNumber(c);
const signed = (c: Cell) => parseIndonesianNumber(c, { signed: true });
const decimal = (c: Cell) => parseIndonesianNumber(c, { maxDecimals: 6 });
const code = (column: string) => (c: Cell) => parsePlanCode(c.text, column).code;
const office = (column: string) => (c: Cell) => parseOfficeCode(c.text, column);

/** How each interpreted column is read: the same parsers as import-rows.ts. */
const PARSERS: Record<string, (cell: Cell, row: ImportRow, year: number | null) => string | null> = {
  Tahun: (c) => String(parseImportYear(c)),
  'Perangkat Daerah': office('Perangkat Daerah'),
  'Kode Perangkat Daerah': office('Kode Perangkat Daerah'),
  Kode: code('Kode'),
  'Dari Kode': code('Dari Kode'),
  'Ke Kode': code('Ke Kode'),
  Tahapan: (c) => parseImportPhase(c),
  Pagu: signed,
  Perubahan: signed,
  Jumlah: amount,
  Realisasi: amount,
  Target: decimal,
  'Realisasi Kinerja': decimal,
  'Tanggal Berlaku': parseImportDate,
  'Tanggal Dasar Hukum': parseImportDate,
  Periode: (c, _row, year) => (year === null ? null : parseImportPeriod(c, year)),
  'Periode Baru': (c, _row, year) => (year === null ? null : parseImportPeriod(c, year)),
  'Tahapan Baru': (c) => parseImportPhase(c),
  'ID Peristiwa': (c) => c.text.trim().toLowerCase(),
  Batalkan: (c) => ({ ya: 'true', y: 'true', tidak: 'false', t: 'false' })[c.text.trim().toLowerCase()] ?? null,
  Arah: parseDirection,
  Nilai: (c, row) => {
    const measure = row.cells.get('Besaran')?.text.trim().toUpperCase();
    if (measure === 'SERAPAN') return parseIndonesianNumber(c, { percent: true });
    return measure === 'TARGET' ? decimal(c) : amount(c);
  },
};

function understood(row: ImportRow): Record<string, string> {
  const values: Record<string, string> = {};
  const attempt = (column: string, year: number | null): string | null => {
    const cell = row.cells.get(column);
    const parse = PARSERS[column];
    if (!cell || !parse) return null;
    try {
      return parse(cell, row, year);
    } catch (error) {
      if (error instanceof CellError || error instanceof DomainError) return null;
      throw error;
    }
  };
  const year = attempt('Tahun', null);
  for (const column of row.cells.keys()) {
    const value = attempt(column, year === null ? null : Number(year));
    if (value !== null) values[column] = value;
  }
  return values;
}

const LINE_STREAM = /^line-\d{4}-.+-([\d.]+)$/;

/** The events of the appends, by file and row (from the import metadata every event carries). */
function recordsByRow(appends: StreamAppend[]): Map<string, ImportPreviewRecord[]> {
  const byRow = new Map<string, ImportPreviewRecord[]>();
  for (const append of appends) {
    for (const event of append.events) {
      const at = (event.metadata as { import?: { fileName: string; row: number } }).import;
      if (!at) continue;
      const key = `${at.fileName}|${at.row}`;
      const code = LINE_STREAM.exec(append.streamId)?.[1] ?? null;
      const record: ImportPreviewRecord = { type: event.type, streamId: append.streamId, code };
      if (event.type === LINE_EVENT_TYPES.corrected) {
        const data = event.data as { correctedEventId: string; replacement: { data: Record<string, unknown> } | null };
        Object.assign(record, { corrects: data.correctedEventId, replacement: data.replacement?.data ?? null });
      }
      byRow.set(key, [...(byRow.get(key) ?? []), record]);
    }
  }
  return byRow;
}

/** The key that makes rows of table realisasi one realisation (as import-rows.ts groups them). */
const realisationKey = (values: Record<string, string>) =>
  [values.Tahun, values['Perangkat Daerah'], values.Kode, values.Periode].join('|');

/**
 * Every row of every file as it was read and understood, and what it would record: the preview a person
 * checks before "Simpan". Built from the same parsers and the same decided events as the import itself.
 */
export function previewOf(files: ReadFile[], appends: StreamAppend[], problems: ImportProblem[]): ImportPreview {
  const records = recordsByRow(appends);
  const invalid = new Set(problems.filter((p) => p.row !== null).map((p) => `${p.file}|${p.row}`));
  const tables: ImportPreviewTable[] = [];
  let listed = 0;
  let truncated = false;
  for (const file of files) {
    for (const table of file.tables) {
      // Rows refused for their cell count are listed too (invalid), with their cells where they landed.
      const rows = [...file.rows, ...(file.refusedRows ?? [])].filter((r) => r.table === table).sort((a, b) => a.row - b.row);
      const present = new Set(rows.flatMap((r) => [...r.cells.keys()]));
      const spec = TABLES[table];
      const columns = [...spec.required, ...spec.optional].filter((c) => present.has(c));
      const realisationRows = new Map<string, number>();
      const preview: ImportPreviewRow[] = [];
      for (const row of rows) {
        if (listed >= MAX_PREVIEW_ROWS) {
          truncated = true;
          break;
        }
        listed++;
        const values = understood(row);
        const written = records.get(`${file.name}|${row.row}`) ?? [];
        let outcome: ImportPreviewRow['outcome'] = written.length > 0 ? 'records' : 'unchanged';
        let groupedWith: number | null = null;
        if (table === 'realisasi') {
          const key = realisationKey(values);
          const first = realisationRows.get(key);
          if (first === undefined) realisationRows.set(key, row.row);
          else if (written.length === 0) [outcome, groupedWith] = ['grouped', first];
        }
        if (invalid.has(`${file.name}|${row.row}`)) outcome = 'invalid';
        const cells = Object.fromEntries([...row.cells].map(([column, cell]) => [column, cell.text]));
        preview.push({ row: row.row, cells, values, outcome, records: written, groupedWith });
      }
      tables.push({ file: file.name, table, columns, rows: preview });
    }
  }
  return { tables, truncated };
}
