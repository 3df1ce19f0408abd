import type { ReportTable } from './report-table';

const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first: "CSV injection") gets a leading
 * apostrophe, which spreadsheets show as text; numbers such as "-250000.00" are left as they are.
 */
export const neutraliseFormula = (value: string): string =>
  /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?%?$/.test(value) ? `'${value}` : value;

const cell = (value: string): string => quote(neutraliseFormula(value));

/**
 * CSV for machines (RFC 4180): header of machine names, plain decimal strings ("1653027794.00"), percentages
 * with two places, missing values as empty fields, UTF-8 without BOM, CRLF line ends. Text is exported
 * verbatim except that a cell a spreadsheet would evaluate as a formula is prefixed with an apostrophe.
 */
export function renderCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => quote(c.key)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => cell(row.cells[c.key] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
