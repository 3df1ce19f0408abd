import ExcelJS from 'exceljs';
import { Money } from '@renja/domain';
import { humanCell, MISSING } from './human-cells';
import { cellKind, headingRowCount, type CellKind, type ReportDocument, type ReportTable } from './report-table';
import { PAPER_EXCEL_CODES, provenanceLines, type RenderOptions } from './render-options';

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
    cell.alignment = { horizontal: 'center', vertical: 'top' };
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

/** The text a reader sees in a cell, to size its column: "Rp 1.653.027.794,00", "38,15", "—". */
function shownText(kind: CellKind, value: string | null): string {
  if (value === null || value === '') return MISSING;
  if (kind === 'percent') return humanCell('percent', value, { compact: true });
  return humanCell(kind, value);
}

const MAX_TEXT_WIDTH = 48;
const MIN_WIDTH = 6;
/** Characters across a landscape page printed at a readable scale: text columns narrow (and wrap) beyond it. */
const PAGE_CHARACTERS = 190;

const longestWord = (text: string): number => Math.max(0, ...text.split(/\s+/).map((w) => w.length));

/**
 * Column widths in characters: wide enough for every figure as shown (no "###") and for the longest word
 * of the heading (no word broken); text up to MAX_TEXT_WIDTH, beyond which it wraps. When the columns
 * together are wider than a page can show readably, the text columns give up width (down to their longest
 * word, at most 16) so that fitting the page to one sheet wide does not shrink the print to nothing.
 */
export function columnWidths(table: ReportTable): number[] {
  const floors: number[] = [];
  const widths = table.columns.map((c) => {
    let width = Math.max(MIN_WIDTH, longestWord(c.header) + 1);
    let floor = width;
    for (const row of table.rows) {
      const kind = cellKind(row, c);
      const text = shownText(kind, row.cells[c.key] ?? null);
      const needed = kind === 'text' ? Math.min(text.length, MAX_TEXT_WIDTH) : text.length;
      // Bold totals are about a tenth wider; the extra 2 is the cell's own padding.
      width = Math.max(width, Math.ceil(needed * (row.total ? 1.1 : 1)) + 2);
      floor = Math.max(floor, kind === 'text' ? Math.min(longestWord(text), 16) + 2 : width);
    }
    floors.push(floor);
    return width;
  });
  // A group heading merged over its columns ("Realisasi Renstra" over K and Rp) does not break a word either.
  table.columns.forEach((c, i) => {
    if (!c.group) return;
    const span = table.columns.filter((other) => other.group === c.group).length;
    const share = Math.ceil((longestWord(c.group) + 2) / span);
    widths[i] = Math.max(widths[i], share);
    floors[i] = Math.max(floors[i], share);
  });
  const total = widths.reduce((a, b) => a + b, 0);
  const give = widths.reduce((a, w, i) => a + (w - floors[i]), 0);
  if (total <= PAGE_CHARACTERS || give === 0) return widths;
  const share = Math.min(1, (total - PAGE_CHARACTERS) / give);
  return widths.map((w, i) => Math.ceil(w - (w - floors[i]) * share));
}

/** Lines a wrapped text takes in a column of `width` characters, breaking between words. */
function linesIn(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    const length = word.length + (used > 0 ? 1 : 0);
    if (used + length > width - 1 && used > 0) {
      lines++;
      used = word.length;
    } else used += length;
  }
  return lines;
}

const LINE_HEIGHT = 15;

/** Rows are given their height: a merged or wrapped cell's lines are not always measured by the reader. */
function fitHeight(row: ExcelJS.Row, texts: string[], widths: number[]): void {
  const lines = Math.max(1, ...texts.map((t, i) => linesIn(t, widths[i])));
  if (lines > 1) row.height = lines * LINE_HEIGHT;
}

/** Excel's header and footer codes: "&" is written "&&"; a footer holds at most 255 characters. */
const footerText = (text: string): string => text.replace(/&/g, '&&').slice(0, 240);

function addSheet(workbook: ExcelJS.Workbook, doc: ReportDocument, table: ReportTable, options: RenderOptions): void {
  const provenance = options.provenance ? provenanceLines(options.provenance) : [];
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), {
    pageSetup: {
      orientation: 'landscape',
      paperSize: PAPER_EXCEL_CODES[options.paper ?? 'a4'],
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.7, header: 0.2, footer: 0.25 },
    },
    headerFooter: {
      oddFooter: `&L&7${footerText(provenance.join('\n'))}&R&8Halaman &P dari &N`,
      evenFooter: `&L&7${footerText(provenance.join('\n'))}&R&8Halaman &P dari &N`,
    },
  });
  const widths = columnWidths(table);
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  // Title, point of view and provenance: each a row across the table's width, wrapped, so that a narrow
  // table still prints them whole.
  const above = [`${doc.title} — ${table.title}`, ...doc.subtitle, ...provenance];
  const across = widths.reduce((a, b) => a + b, 0);
  above.forEach((line, i) => {
    const cell = sheet.getCell(1 + i, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (table.columns.length > 1) sheet.mergeCells(1 + i, 1, 1 + i, table.columns.length);
    const size = i === 0 ? 12 : i > doc.subtitle.length ? 8 : 11;
    cell.font = i === 0 ? { bold: true, size } : i > doc.subtitle.length ? { italic: true, size } : { size };
    const lines = linesIn(line, Math.floor((across * 11) / size));
    if (lines > 1) sheet.getRow(1 + i).height = lines * (size + 4);
  });
  const first = above.length + 2;
  const headerRow = headerRows(sheet, table, first);
  fitHeight(
    sheet.getRow(headerRow),
    table.columns.map((c) => c.header),
    widths,
  );
  table.rows.forEach((row, r) => {
    const excelRow = sheet.getRow(headerRow + 1 + r);
    table.columns.forEach((c, i) => setCell(excelRow.getCell(i + 1), cellKind(row, c), row.cells[c.key] ?? null));
    fitHeight(
      excelRow,
      table.columns.map((c) => (cellKind(row, c) === 'text' ? (row.cells[c.key] ?? '') : '')),
      widths,
    );
    if (row.total) {
      excelRow.font = { bold: true };
      excelRow.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
    }
    if (row.heading) excelRow.eachCell((cell) => (cell.alignment = { horizontal: 'center' }));
  });
  // Printed: the heading rows again at the top of every page. On screen: everything above the data stays in view.
  const lastHeading = headerRow + headingRowCount(table);
  sheet.pageSetup.printTitlesRow = `${first}:${lastHeading}`;
  sheet.views = [{ state: 'frozen', ySplit: lastHeading, xSplit: 0 }];
}

/**
 * One sheet per table (lines, kegiatan, program, office, …), frozen headings, totals rows in bold; printed
 * landscape on A4 or F4, one page wide, heading rows repeated, the provenance in the page footer.
 */
export async function renderXlsx(doc: ReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Renja Ledger';
  for (const table of doc.tables) addSheet(workbook, doc, table, options);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
