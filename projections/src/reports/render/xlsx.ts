import ExcelJS from 'exceljs';
import { Money } from '@renja/domain';
import { MISSING } from './human-cells';
import { cellKind, type CellKind, type ReportDocument, type ReportTable } from './report-table';

/**
 * Number formats are stored in Excel's invariant notation; Excel shows them with the reader's locale, so an
 * Indonesian Excel displays "Rp 1.653.027.794,00".
 */
export const RUPIAH_FORMAT = '"Rp "#,##0.00';
export const PERCENT_FORMAT = '0.00';

/**
 * The number to store for a decimal string, or null when a double cannot hold it exactly as shown: more than
 * 15 significant digits (Excel displays 15) or no exact round trip decimal → double → decimal. Rupiah up to
 * 9.999.999.999.999,99 (just under 10^13) are numbers; larger amounts are stored as text, so no cent is lost.
 */
export function exactNumber(value: string): number | null {
  const significant = value.replace('-', '').replace('.', '').replace(/^0+/, '');
  if (significant.length > 15) return null;
  const n = Number(value);
  return Number.isFinite(n) && new Money(n).equals(new Money(value)) ? n : null;
}

function setCell(cell: ExcelJS.Cell, kind: CellKind, value: string | null): void {
  if (value === null || value === '') {
    cell.value = MISSING;
    cell.alignment = { horizontal: 'center' };
    return;
  }
  if (kind === 'text') {
    cell.value = value;
    cell.alignment = { wrapText: true, vertical: 'top' };
    return;
  }
  const n = exactNumber(value);
  cell.value = n ?? value;
  cell.alignment = { horizontal: 'right', vertical: 'top' };
  if (n !== null && kind === 'amount') cell.numFmt = RUPIAH_FORMAT;
  if (n !== null && kind === 'percent') cell.numFmt = PERCENT_FORMAT;
}

function headerRows(sheet: ExcelJS.Worksheet, table: ReportTable, first: number): number {
  const grouped = table.columns.some((c) => c.group);
  const headerRow = grouped ? first + 1 : first;
  table.columns.forEach((c, i) => {
    const col = i + 1;
    sheet.getCell(headerRow, col).value = c.header;
    if (grouped) sheet.getCell(first, col).value = c.group ?? c.header;
  });
  if (grouped) {
    // A group's heading spans its columns; an ungrouped heading spans both heading rows.
    let i = 0;
    while (i < table.columns.length) {
      const group = table.columns[i].group;
      let last = i;
      while (group && table.columns[last + 1]?.group === group) last++;
      if (!group) sheet.mergeCells(first, i + 1, headerRow, i + 1);
      else if (last > i) sheet.mergeCells(first, i + 1, first, last + 1);
      i = last + 1;
    }
  }
  for (let r = first; r <= headerRow; r++) {
    const row = sheet.getRow(r);
    row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  }
  return headerRow;
}

function addSheet(workbook: ExcelJS.Workbook, doc: ReportDocument, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31));
  sheet.getCell(1, 1).value = `${doc.title} — ${table.title}`;
  sheet.getCell(1, 1).font = { bold: true, size: 12 };
  doc.subtitle.forEach((line, i) => (sheet.getCell(2 + i, 1).value = line));
  const headerRow = headerRows(sheet, table, doc.subtitle.length + 3);
  table.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width ?? 14));
  table.rows.forEach((row, r) => {
    const excelRow = sheet.getRow(headerRow + 1 + r);
    table.columns.forEach((c, i) => setCell(excelRow.getCell(i + 1), cellKind(row, c), row.cells[c.key] ?? null));
    if (row.total) {
      excelRow.font = { bold: true };
      excelRow.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
    }
  });
  // Everything above the data stays in view while scrolling: title, point of view and column headings.
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
}

/** One sheet per table (lines, kegiatan, program, office, …), frozen headings, totals rows in bold. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Renja Ledger';
  for (const table of doc.tables) addSheet(workbook, doc, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
