import { cellKind, type CellKind, type ReportTable, type TableColumn } from './report-table';
import type { CsvStyle } from './render-options';
import { personValue } from './csv-values';

const quoteIn =
  (separator: string) =>
  (value: string): string =>
    new RegExp(`["${separator}\\r\\n]`).test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first: "CSV injection") gets a leading
 * apostrophe, which spreadsheets show as text; numbers such as "-250000.00" (or "-250000,00") are left as they are.
 */
export const neutraliseFormula = (value: string): string =>
  /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+([.,]\d+)?%?$/.test(value) ? `'${value}` : value;

const NUMERIC_KINDS = new Set<CellKind>(['amount', 'percent', 'value', 'integer']);

/** A number for an Indonesian spreadsheet: decimal comma, no grouping, so it is read as a number ("1653027794,00"). */
const indonesianPlain = (kind: CellKind, value: string): string =>
  NUMERIC_KINDS.has(kind) && /^-?\d+(\.\d+)?$/.test(value) ? value.replace('.', ',') : value;

/** A person's heading: the column group ("Target Renja 2022") before a heading that needs it ("K", "Rp"). */
const personHeader = (c: TableColumn): string => (c.group ? `${c.group} ${c.header}` : c.header);

/**
 * CSV for machines (RFC 4180): header of machine names, plain decimal strings ("1653027794.00"), percentages
 * with two places, missing values as empty fields, UTF-8 without BOM, CRLF line ends. Text is exported
 * verbatim except that a cell a spreadsheet would evaluate as a formula is prefixed with an apostrophe.
 *
 * `id`: CSV as a spreadsheet in Indonesian settings reads and writes it: `;` between fields, a decimal comma
 * without grouping dots (so every amount opens as a number), the Indonesian column headings, machine values in
 * words ("berlaku", "Sub Kegiatan", "APBD-P"), and a UTF-8 BOM so that Excel does not read the file as
 * Windows-1252.
 */
export function renderCsv(table: ReportTable, style: CsvStyle = 'machine'): string {
  const separator = style === 'id' ? ';' : ',';
  const quote = quoteIn(separator);
  const header = table.columns.map((c) => quote(style === 'id' ? personHeader(c) : c.key));
  const lines = [header.join(separator)];
  for (const row of table.rows) {
    const cells = table.columns.map((c) => {
      const value = row.cells[c.key] ?? '';
      const kind = cellKind(row, c);
      const shown = style === 'machine' ? value : kind === 'text' ? personValue(c, value) : indonesianPlain(kind, value);
      return quote(neutraliseFormula(shown));
    });
    lines.push(cells.join(separator));
  }
  const body = `${lines.join('\r\n')}\r\n`;
  return style === 'id' ? `\uFEFF${body}` : body;
}
