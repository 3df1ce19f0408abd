/**
 * Reports become tables before they become files: one description serves CSV, XLSX, PDF and the terminal.
 * Cell values stay machine strings ("1653027794.00", "38.15"); each renderer formats them for its readers.
 */
export type CellKind = 'text' | 'amount' | 'percent' | 'value' | 'integer';

export interface TableColumn {
  /** Machine name: the CSV header. */
  key: string;
  /** Human heading in Bahasa Indonesia (XLSX, PDF, terminal). */
  header: string;
  /** A heading spanning neighbouring columns (e.g. "Target Renja 2022" over K and Rp). */
  group?: string;
  kind: CellKind;
  /** Relative width for PDF and XLSX. */
  width?: number;
  /**
   * How a person reads this column's machine values ("in_force" → "berlaku"), for the CSV for people
   * (csv=id); without it, the shared words of csv-values.ts apply, and a value neither knows stays as it is.
   */
  labels?: Record<string, string>;
}

export interface TableRow {
  cells: Record<string, string | null>;
  /** A totals row (Jumlah / Total): bold in files. */
  total?: boolean;
  /** Cells whose kind differs from their column's: a change log's "from" is an amount on one row, a text on the next. */
  kinds?: Record<string, CellKind>;
  /**
   * Part of the headings (the form's column numbers under them): only at the top of `rows`, and repeated
   * with the headings on every printed page.
   */
  heading?: boolean;
}

/** How many rows at the top of a table belong to its headings. */
export const headingRowCount = (table: { rows: readonly TableRow[] }): number => {
  const n = table.rows.findIndex((row) => !row.heading);
  return n === -1 ? table.rows.length : n;
};

/** The kind of one cell: the row's own for that column, else the column's. */
export const cellKind = (row: TableRow, column: TableColumn): CellKind => row.kinds?.[column.key] ?? column.kind;

export interface ReportTable {
  /** Sheet name (≤ 31 characters). */
  sheet: string;
  title: string;
  columns: TableColumn[];
  rows: TableRow[];
}

export interface ReportDocument {
  /** File name stem: pagu-trail-DKUKM-2022. */
  fileStem: string;
  title: string;
  /** Office, year, point of view: printed above every table. */
  subtitle: string[];
  tables: ReportTable[];
  /** The one table a CSV carries: every row of every level, with a level column. */
  csv: ReportTable;
  /** The tables a PDF lays out, when the report has a printable form (evaluation, reconciliation). */
  pdf?: ReportTable[];
}

export const LEVEL_NAMES: Record<string, string> = {
  program: 'Program',
  kegiatan: 'Kegiatan',
  sub_kegiatan: 'Sub Kegiatan',
  office: 'Perangkat Daerah',
};
