import { DomainError, type LegalBasis } from '@renja/domain';
import { CellError, parseImportDate, type Cell } from './cell-parsers';
import type { ImportRow, Problems } from './import-types';
import type { TableName } from './tables';

/** Where an operation comes from; recorded in the metadata of every event it produces. */
export interface RowRef {
  file: string;
  sha256: string;
  table: TableName;
  row: number;
  /** The row's cells, to quote the value of the column a rule is about. */
  cells: Map<string, Cell>;
}

/** Reads the cells of one row, collecting every problem; `ok` is false once any cell was wrong. */
export class RowReader {
  ok = true;

  constructor(
    private readonly row: ImportRow,
    private readonly problems: Problems,
  ) {}

  problem(column: string | null, rule: string, message: string): void {
    this.ok = false;
    const value = column ? (this.row.cells.get(column)?.text ?? null) : null;
    this.problems.add({ file: this.row.file, table: this.row.table, row: this.row.row, column, value, rule, message });
  }

  has(column: string): boolean {
    return this.row.cells.has(column);
  }

  text(column: string): string | null {
    const cell = this.row.cells.get(column);
    return cell ? cell.text.trim() : null;
  }

  required(column: string): string | null {
    const text = this.text(column);
    if (text === null) this.problem(column, 'VALUE_REQUIRED', `${column} is required`);
    return text;
  }

  /** Parses a cell; an empty cell gives null (and a problem when required). */
  parse<T>(column: string, parser: (cell: Cell) => T, required = true): T | null {
    const cell = this.row.cells.get(column);
    if (!cell) {
      if (required) this.problem(column, 'VALUE_REQUIRED', `${column} is required`);
      return null;
    }
    try {
      return parser(cell);
    } catch (error) {
      if (error instanceof CellError || error instanceof DomainError) {
        this.problem(column, error.rule, `${column}: ${error.messageIn('id')}`);
        return null;
      }
      throw error;
    }
  }

  legalBasis(): LegalBasis | null {
    const columns = ['Jenis Dasar Hukum', 'Nomor Dasar Hukum', 'Tanggal Dasar Hukum'];
    const given = columns.filter((c) => this.has(c));
    if (given.length === 0) return null;
    if (given.length < 3) {
      const missing = columns.filter((c) => !this.has(c));
      this.problem(
        missing[0],
        'LEGAL_BASIS_INCOMPLETE',
        `a legal basis needs all three of ${columns.join(', ')}; ${missing.join(' and ')} missing`,
      );
      return null;
    }
    const date = this.parse('Tanggal Dasar Hukum', parseImportDate);
    return date ? { kind: this.text('Jenis Dasar Hukum')!, number: this.text('Nomor Dasar Hukum')!, date } : null;
  }
}
