import type { Readable } from 'node:stream';
import type { Cell } from './cell-parsers';
import type { TableName } from './tables';

/**
 * How a CSV file's bytes are read. Excel on Windows saves "CSV (Comma delimited)" in Windows-1252, not
 * UTF-8: such a file is read as Windows-1252 (decodeWindows1252 in csv-encoding.ts) and the answer says so. Anything else that is not UTF-8
 * (UTF-16 "Unicode Text", or bytes Windows-1252 leaves undefined) is refused with "simpan sebagai CSV UTF-8".
 */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/** One thing wrong with an import: where (file, table, row, column), what (value) and which rule. */
export interface ImportProblem {
  file: string | null;
  table: string | null;
  /** Row as a spreadsheet numbers it: the header is row 1. */
  row: number | null;
  column: string | null;
  value: string | null;
  rule: string;
  message: string;
}

/**
 * Something read that is possible but implausible (an achievement above 200 %, an amount a thousand
 * times off the line's pagu, a target changed a hundredfold, a suspected decimal comma): the same shape
 * as a problem, in Indonesian. An import with warnings writes only when the user confirms them.
 */
export type ImportWarning = ImportProblem;

/** A file to import: read once as a stream (CSV) or in one piece (XLSX, bounded by the size limit). */
export interface ImportSource {
  name: string;
  size: number;
  open(): Readable;
  /** The first bytes, to detect the CSV delimiter. */
  peek(bytes: number): Promise<Buffer>;
}

export interface ImportRow {
  file: string;
  table: TableName;
  row: number;
  /** Cells by canonical column name; absent columns are absent. */
  cells: Map<string, Cell>;
}

export interface ReadFile {
  name: string;
  sha256: string;
  bytes: number;
  rows: ImportRow[];
  tables: TableName[];
  /**
   * CSV rows refused for their cell count (ROW_TOO_LONG, ROW_TOO_SHORT), their cells by header position:
   * not imported, but shown in the preview so the user sees where each value landed.
   */
  refusedRows?: ImportRow[];
  /** How a CSV's bytes were read (Windows-1252 is said in the answer); null for XLSX. */
  encoding: CsvEncoding | null;
}

/** What an import did per table: rows read, events written, rows already in the ledger (ImportResult.tables). */
export type TableCounts = Record<TableName, { rows: number; events: number; unchanged: number }>;

export interface ImportLimits {
  /** All files of one import together. */
  maxBytes: number;
  maxRows: number;
}

/** 20 MiB: far above a province office's plan (the reference sample is a few kilobytes), far below memory trouble. */
export const DEFAULT_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_IMPORT_MAX_ROWS = 200_000;

/** A file where every row is wrong would otherwise answer with a problem per row. */
export const MAX_LISTED_PROBLEMS = 1000;

export class Problems {
  readonly list: ImportProblem[] = [];
  add(problem: Partial<ImportProblem> & { rule: string; message: string }): void {
    if (this.list.length < MAX_LISTED_PROBLEMS) {
      this.list.push({ file: null, table: null, row: null, column: null, value: null, ...problem });
    } else if (this.list.length === MAX_LISTED_PROBLEMS) {
      this.list.push({
        file: null,
        table: null,
        row: null,
        column: null,
        value: null,
        rule: 'TOO_MANY_PROBLEMS',
        message: `more than ${MAX_LISTED_PROBLEMS} problems: only the first ${MAX_LISTED_PROBLEMS} are listed`,
      });
    }
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
}
