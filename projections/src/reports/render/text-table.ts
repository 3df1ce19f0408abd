import { humanCell } from './human-cells';
import { cellKind, type ReportDocument, type ReportTable } from './report-table';

const RIGHT_ALIGNED = new Set(['amount', 'percent', 'value', 'integer']);
const width = (s: string) => [...s].length;
const pad = (s: string, n: number, right: boolean) => (right ? ' '.repeat(n - width(s)) + s : s + ' '.repeat(n - width(s)));

/** A table for the terminal: Indonesian amounts (Rp 1.653.027.794,00), "—" for missing, totals under a rule. */
export function renderTextTable(table: ReportTable): string {
  const headers = table.columns.map((c) => (c.group ? `${c.group} ${c.header}` : c.header));
  const body = table.rows.map((row) => table.columns.map((c) => humanCell(cellKind(row, c), row.cells[c.key] ?? null)));
  const widths = table.columns.map((_, i) => Math.max(width(headers[i]), ...body.map((cells) => width(cells[i]))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i], RIGHT_ALIGNED.has(table.columns[i].kind)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [table.title, line(headers), rule];
  table.rows.forEach((row, i) => {
    if (row.total) out.push(rule);
    out.push(line(body[i]));
  });
  return out.join('\n');
}

export function renderTextDocument(doc: ReportDocument): string {
  return [doc.title, ...doc.subtitle, '', ...doc.tables.map((t) => `${renderTextTable(t)}\n`)].join('\n');
}
