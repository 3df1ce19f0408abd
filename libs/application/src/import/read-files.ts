import { createHash } from 'node:crypto';
import { PassThrough, pipeline, type Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Money } from '@renja/domain';
import type { Cell } from './cell-parsers';
import { inspectCsvBytes, windows1252ToUtf8, type CsvEncoding } from './csv-encoding';
import { Problems, type ImportLimits, type ImportRow, type ImportSource, type ReadFile } from './import-types';
import { decimalCommaSuspect, rowLengthProblem } from './row-shape';
import { checkHeader, TABLES, tableNamed, tablesMatching, type TableName } from './tables';

/** Text a cell may not hold: NUL and other control characters (PostgreSQL cannot store NUL) and undecodable bytes. */
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- control characters are refused on purpose
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface RowSink {
  file: string;
  problems: Problems;
  /** Implausible but possible readings, for the user to confirm (a suspected decimal comma). */
  warnings: Problems;
  rows: ImportRow[];
  /** Rows refused for their cell count, as they were read (for the preview). */
  refused: ImportRow[];
  limits: ImportLimits;
  /** Rows read so far in the whole import. */
  counter: { rows: number };
}

/** Turns a header and its data rows into ImportRows, checking every cell's text. Returns false to stop reading. */
class TableReader {
  private columns: Array<string | null> | null = null;
  private table: TableName | null = null;
  private failed = false;

  constructor(
    private readonly sink: RowSink,
    private readonly label: string,
    private readonly named: TableName | null,
    private readonly sheet: string | null,
    /** A CSV's delimiter: its rows must have exactly as many cells as its header. null for a sheet. */
    private readonly delimiter: ',' | ';' | null = null,
  ) {}

  get recognised(): TableName | null {
    return this.failed ? null : this.table;
  }

  private problem(row: number | null, column: string | null, value: string | null, rule: string, message: string) {
    this.sink.problems.add({ file: this.sink.file, table: this.table ?? this.sheet, row, column, value, rule, message });
  }

  private header(cells: Cell[], row: number): void {
    const texts = cells.map((c) => c.text);
    let table = this.named;
    if (!table) {
      const matching = tablesMatching(texts);
      if (matching.length !== 1) {
        this.failed = true;
        this.problem(
          row,
          null,
          texts.join(' | ').slice(0, 300),
          'TABLE_UNKNOWN',
          matching.length === 0
            ? `${this.label}: the header names no table of the import format (see docs/import-format.md); name the file after its table (e.g. pagu.csv) to see which columns are missing`
            : `${this.label}: the header fits several tables (${matching.join(', ')}); name the file after its table, e.g. ${matching[0]}.csv`,
        );
        return;
      }
      table = matching[0];
    }
    this.table = table;
    const check = checkHeader(TABLES[table], texts);
    for (const p of check.problems) this.problem(row, p.column, p.value, p.rule, p.message);
    if (check.problems.some((p) => p.rule !== 'COLUMN_UNKNOWN')) this.failed = true;
    this.columns = check.columns;
  }

  /** One record of the file, in order. */
  push(cells: Cell[], row: number): boolean {
    if (this.failed) return false;
    if (cells.every((c) => c.text.trim() === '')) return true; // empty rows are ignored
    if (!this.columns) {
      this.header(cells, row);
      return !this.failed;
    }
    if (++this.sink.counter.rows > this.sink.limits.maxRows) {
      this.problem(
        row,
        null,
        null,
        'TOO_MANY_ROWS',
        `the import has more than ${this.sink.limits.maxRows} rows; split it into several imports`,
      );
      this.failed = true;
      return false;
    }
    if (this.delimiter && cells.length !== this.columns.length) {
      const texts = cells.map((c) => c.text);
      const refused = rowLengthProblem(texts, row, this.columns, this.delimiter);
      this.problem(row, refused.column, refused.value, refused.rule, refused.message);
      const landed = new Map<string, Cell>();
      texts.forEach((text, i) => {
        const column = this.columns![i];
        if (column && text.trim() !== '') landed.set(column, { text });
      });
      this.sink.refused.push({ file: this.sink.file, table: this.table!, row, cells: landed });
      return true;
    }
    const map = new Map<string, Cell>();
    let bad = false;
    cells.forEach((cell, i) => {
      const column = this.columns![i];
      if (UNSTORABLE.test(cell.text)) {
        bad = true;
        this.problem(
          row,
          column ?? `#${i + 1}`,
          cell.text.slice(0, 100),
          'TEXT_NOT_STORABLE',
          'the cell holds control characters or bytes that are not UTF-8 text',
        );
      } else if (i >= this.columns!.length && cell.text.trim() !== '') {
        bad = true;
        this.problem(
          row,
          `#${i + 1}`,
          cell.text.slice(0, 100),
          'ROW_TOO_LONG',
          `the row has a value in column ${i + 1}, beyond the ${this.columns!.length} columns of the header`,
        );
      } else if (column && cell.text.trim() !== '') {
        map.set(column, cell);
      }
    });
    if (bad) return true;
    this.sink.rows.push({ file: this.sink.file, table: this.table!, row, cells: map });
    const suspect =
      this.delimiter === ','
        ? decimalCommaSuspect(
            cells.map((c) => c.text),
            this.columns,
          )
        : null;
    if (suspect) this.sink.warnings.add({ file: this.sink.file, table: this.table, row, ...suspect, rule: 'DECIMAL_COMMA_SUSPECTED' });
    return true;
  }

  finish(): void {
    if (!this.failed && !this.columns) {
      this.problem(null, null, null, 'FILE_EMPTY', `${this.label} has no header row: it is empty`);
    }
  }
}

/** The delimiter of a CSV: ";" when its header line has more semicolons than commas (outside quotes), else ",". */
export function detectDelimiter(start: Buffer): ',' | ';' {
  const text = start.toString('utf8').replace(/^\ufeff/, '');
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

interface ReadTables {
  sha256: string;
  tables: TableName[];
  /** How a CSV file's bytes were read (null for XLSX, or a CSV refused for its encoding). */
  encoding: CsvEncoding | null;
}

async function readCsv(source: ImportSource, sink: RowSink): Promise<ReadTables> {
  // A first pass over the bytes: the hash, and whether they are UTF-8 (the parse pass then knows how to read them).
  const bytes = await inspectCsvBytes(source);
  if (bytes.refusal) {
    sink.problems.add({ file: sink.file, rule: 'ENCODING_UNSUPPORTED', message: bytes.refusal });
    return { sha256: bytes.sha256, tables: [], encoding: null };
  }
  const delimiter = detectDelimiter(await source.peek(64 * 1024));
  const parser = parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, max_record_size: 1_000_000 });
  const input = source.open();
  const decode: Transform = bytes.encoding === 'windows-1252' ? windows1252ToUtf8() : new PassThrough();
  pipeline(input, decode, parser, () => undefined); // errors surface from the parser's iterator below
  const reader = new TableReader(sink, `file ${source.name}`, tableNamed(source.name.replace(/^.*[\\/]/, '')), null, delimiter);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (
        !reader.push(
          record.map((text) => ({ text })),
          row,
        )
      ) {
        input.destroy();
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const lines = (error as CsvError & { lines?: number }).lines;
    sink.problems.add({
      file: sink.file,
      row: row + 1,
      rule: 'CSV_MALFORMED',
      message: `the file is not valid CSV (RFC 4180)${lines ? ` near line ${lines}` : ''}: ${error.message}`,
    });
    return { sha256: bytes.sha256, tables: [], encoding: bytes.encoding };
  }
  reader.finish();
  const table = reader.recognised;
  return { sha256: bytes.sha256, tables: table ? [table] : [], encoding: bytes.encoding };
}

/** A spreadsheet cell as text, and numbers as exact plain decimals (Excel keeps 15 significant digits). */
function xlsxCell(value: ExcelJS.CellValue): Cell | { error: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: `the number ${value} is not finite` };
    const plain = new Money(value.toPrecision(15)).toFixed();
    return { text: plain, number: plain };
  }
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { error: 'the date is not valid' };
    return { text: value.toISOString().slice(0, 10) };
  }
  if ('error' in value) return { error: `the cell holds the spreadsheet error ${String(value.error)}` };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null || (typeof result === 'object' && 'error' in (result as object))) {
      return { error: 'the cell holds a formula without a computed value: save the workbook in a spreadsheet program, or paste values' };
    }
    return xlsxCell(result);
  }
  if ('text' in value) return { text: String((value as { text: unknown }).text) };
  return { error: 'the cell holds a value that is not text, a number or a date' };
}

async function readXlsx(source: ImportSource, sink: RowSink): Promise<ReadTables> {
  const chunks: Buffer[] = [];
  for await (const chunk of source.open()) chunks.push(chunk as Buffer);
  const buffer = Buffer.concat(chunks);
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    sink.problems.add({
      file: sink.file,
      rule: 'XLSX_MALFORMED',
      message: `the file is not a readable XLSX workbook: ${error instanceof Error ? error.message : String(error)}`,
    });
    return { sha256, tables: [], encoding: null };
  }
  const tables: TableName[] = [];
  if (workbook.worksheets.length === 0) sink.problems.add({ file: sink.file, rule: 'FILE_EMPTY', message: 'the workbook has no sheets' });
  for (const sheet of workbook.worksheets) {
    const table = tableNamed(sheet.name);
    if (!table) {
      sink.problems.add({
        file: sink.file,
        table: sheet.name,
        rule: 'SHEET_UNKNOWN',
        message: `sheet "${sheet.name}" is not a table of the import format: name it Perangkat Daerah, Rencana, Pagu, Pergeseran, Realisasi or Total`,
      });
      continue;
    }
    const reader = new TableReader(sink, `sheet ${sheet.name}`, table, sheet.name);
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: Cell[] = [];
      let rowOk = true;
      for (let c = 1; c <= width; c++) {
        const cell = xlsxCell(row.getCell(c).value);
        if ('error' in cell) {
          rowOk = false;
          sink.problems.add({ file: sink.file, table, row: r, column: `#${c}`, value: null, rule: 'CELL_UNREADABLE', message: cell.error });
          cells.push({ text: '' });
        } else cells.push(cell);
      }
      if (rowOk && !reader.push(cells, r)) break;
    }
    reader.finish();
    if (reader.recognised) tables.push(reader.recognised);
  }
  return { sha256, tables, encoding: null };
}

const isXlsx = (name: string) => /\.xlsx$/i.test(name);

/** Reads every file of an import; problems are collected, never thrown. */
export async function readImportFiles(
  sources: ImportSource[],
  limits: ImportLimits,
  problems: Problems,
  onFile?: (done: number, total: number) => void,
  warnings: Problems = new Problems(),
): Promise<ReadFile[]> {
  const total = sources.reduce((s, f) => s + f.size, 0);
  if (total > limits.maxBytes) {
    problems.add({
      rule: 'IMPORT_TOO_LARGE',
      message: `the import is ${total} bytes; the limit is ${limits.maxBytes} bytes (RENJA_IMPORT_MAX_BYTES): split it into several imports`,
    });
    return [];
  }
  const counter = { rows: 0 };
  const files: ReadFile[] = [];
  for (const [i, source] of sources.entries()) {
    const rows: ImportRow[] = [];
    const refused: ImportRow[] = [];
    const sink: RowSink = { file: source.name, problems, warnings, rows, refused, limits, counter };
    if (source.size === 0) {
      problems.add({ file: source.name, rule: 'FILE_EMPTY', message: 'the file is empty (0 bytes)' });
      continue;
    }
    if (!/\.(csv|xlsx)$/i.test(source.name)) {
      problems.add({ file: source.name, rule: 'FILE_TYPE', message: 'only .csv and .xlsx files can be imported' });
      continue;
    }
    const read = isXlsx(source.name) ? await readXlsx(source, sink) : await readCsv(source, sink);
    files.push({
      name: source.name,
      sha256: read.sha256,
      bytes: source.size,
      rows,
      tables: read.tables,
      encoding: read.encoding,
      refusedRows: refused,
    });
    onFile?.(i + 1, sources.length);
  }
  return files;
}
