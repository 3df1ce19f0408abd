import type { ReportTable } from './report-table';

const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * CSV for machines (RFC 4180): header of machine names, plain decimal strings ("1653027794.00"), percentages
 * with two places, missing values as empty fields, UTF-8 without BOM, CRLF line ends.
 */
export function renderCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => quote(c.key)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => quote(row.cells[c.key] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
