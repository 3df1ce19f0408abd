import PDFDocument from 'pdfkit';
import { humanCell } from './human-cells';
import { cellKind, headingRowCount, type ReportDocument, type ReportTable } from './report-table';
import { PAPER_POINTS, provenanceLines, type RenderOptions } from './render-options';
import { drawSignature, SIGNATURE_HEIGHT } from './pdf-signature';

const MARGIN = 24;
/** Room kept at the foot of every page for the provenance lines and the page number. */
const FOOTER_HEIGHT = 24;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const LARGEST_CELL_FONT = 7;
const SMALLEST_CELL_FONT = 4.5;
const PADDING = 1.5;
/** A longer word in a text cell (an event id) may break: codes such as 2.17.07.1.01.0001 stay whole. */
const LONGEST_UNBROKEN_WORD = 80;
/** A column is never made wider than this to keep a text on one line. */
const LONGEST_LINE = 400;
const RIGHT_ALIGNED = new Set(['amount', 'percent', 'value', 'integer']);

type Pdf = PDFKit.PDFDocument;

interface Layout {
  x: number[];
  widths: number[];
  fontSize: number;
}

const textsOf = (table: ReportTable): string[][] =>
  table.rows.map((row) => table.columns.map((c) => humanCell(cellKind(row, c), row.cells[c.key] ?? null, { compact: true })));

interface ColumnNeeds {
  /** The narrowest the column can be without breaking a heading word or a figure. */
  minimum: number;
  /** The width that shows every cell (and the heading) on one line, up to a limit. */
  preferred: number;
}

/**
 * What each column needs: a heading word ("Realisasi") or a figure never splits across lines; text cells
 * may wrap between words. Measured in bold: headings and totals rows are bold.
 */
function columnNeeds(pdf: Pdf, table: ReportTable, texts: string[][], fontSize: number): ColumnNeeds[] {
  pdf.font(BOLD).fontSize(fontSize);
  const needs = table.columns.map((c, i) => {
    let minimum = Math.max(...c.header.split(/\s+/).map((w) => pdf.widthOfString(w)));
    let preferred = Math.min(pdf.widthOfString(c.header), LONGEST_LINE);
    for (const row of texts) {
      const text = row[i];
      const words = RIGHT_ALIGNED.has(c.kind) || text.length <= 14 ? [text] : text.split(/\s+/);
      for (const word of words) minimum = Math.max(minimum, Math.min(pdf.widthOfString(word), LONGEST_UNBROKEN_WORD));
      preferred = Math.max(preferred, Math.min(pdf.widthOfString(text), LONGEST_LINE));
    }
    const room = 2 * PADDING + 1;
    return { minimum: minimum + room, preferred: Math.max(minimum, preferred) + room };
  });
  // A column group's heading ("Realisasi Renstra s.d. 2021" over K and Rp) must not break a word either:
  // its columns together get at least its longest word.
  for (const span of groupSpans(table)) {
    const columns = needs.slice(span.from, span.to + 1);
    const word = Math.max(...span.text.split(/\s+/).map((w) => pdf.widthOfString(w))) + 2 * PADDING + 1;
    const short = word - sum(columns.map((n) => n.minimum));
    if (short <= 0) continue;
    for (const n of columns) {
      n.minimum += short / columns.length;
      n.preferred = Math.max(n.preferred, n.minimum);
    }
  }
  return needs;
}

/** Neighbouring columns under one group heading, as the heading rows draw them. */
function groupSpans(table: ReportTable): Array<{ from: number; to: number; text: string }> {
  const spans: Array<{ from: number; to: number; text: string }> = [];
  table.columns.forEach((c, i) => {
    const last = spans.at(-1);
    if (c.group && last?.text === c.group && last.to === i - 1) last.to = i;
    else if (c.group) spans.push({ from: i, to: i, text: c.group });
  });
  return spans;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Column widths as a browser lays out a table: every column its minimum, and the rest of the line shared
 * in proportion to how much more each column would need to show its cells on one line. The font shrinks
 * (down to SMALLEST_CELL_FONT) until the minimums fit the paper.
 */
function layoutOf(pdf: Pdf, table: ReportTable, texts: string[][]): Layout {
  const usable = pdf.page.width - 2 * MARGIN;
  let fontSize = LARGEST_CELL_FONT;
  let needs = columnNeeds(pdf, table, texts, fontSize);
  while (sum(needs.map((n) => n.minimum)) > usable && fontSize > SMALLEST_CELL_FONT) {
    fontSize = Math.max(SMALLEST_CELL_FONT, fontSize - 0.5);
    needs = columnNeeds(pdf, table, texts, fontSize);
  }
  const minimum = sum(needs.map((n) => n.minimum));
  const preferred = sum(needs.map((n) => n.preferred));
  let widths: number[];
  if (minimum >= usable)
    widths = needs.map((n) => (n.minimum / minimum) * usable); // at the smallest font: squeeze evenly
  else if (preferred <= usable) widths = needs.map((n) => n.preferred + (n.preferred / preferred) * (usable - preferred));
  else widths = needs.map((n) => n.minimum + ((n.preferred - n.minimum) / (preferred - minimum)) * (usable - minimum));
  const x = widths.map((_, i) => MARGIN + sum(widths.slice(0, i)));
  return { x, widths, fontSize };
}

const heightOf = (pdf: Pdf, texts: string[], widths: number[]) =>
  Math.max(...texts.map((t, i) => pdf.heightOfString(t, { width: widths[i] - 2 * PADDING }))) + 2 * PADDING;

function drawRow(pdf: Pdf, layout: Layout, texts: string[], y: number, height: number, align: Array<'left' | 'right' | 'center'>): void {
  texts.forEach((text, i) => {
    pdf.rect(layout.x[i], y, layout.widths[i], height).stroke();
    pdf.text(text, layout.x[i] + PADDING, y + PADDING, { width: layout.widths[i] - 2 * PADDING, align: align[i] });
  });
}

/**
 * The heading rows of the form: a column group (e.g. "Target Renja 2022") over its K and Rp columns, and an
 * ungrouped heading (Kode, Uraian) spanning both rows, as in the reference tables.
 */
function drawHeader(pdf: Pdf, table: ReportTable, layout: Layout, y: number): number {
  pdf.font(BOLD).fontSize(layout.fontSize);
  const headers = table.columns.map((c) => c.header);
  const headerHeight = heightOf(pdf, headers, layout.widths);
  if (!table.columns.some((c) => c.group)) {
    drawRow(
      pdf,
      layout,
      headers,
      y,
      headerHeight,
      headers.map(() => 'center'),
    );
    return y + headerHeight;
  }
  const spans = groupSpans(table);
  const spanWidth = (s: { from: number; to: number }) => layout.x[s.to] + layout.widths[s.to] - layout.x[s.from];
  const groupHeight = Math.max(...spans.map((s) => pdf.heightOfString(s.text, { width: spanWidth(s) - 2 * PADDING }))) + 2 * PADDING;
  const cell = (text: string, x: number, top: number, width: number, height: number) => {
    pdf.rect(x, top, width, height).stroke();
    pdf.text(text, x + PADDING, top + PADDING, { width: width - 2 * PADDING, align: 'center' });
  };
  spans.forEach((s) => cell(s.text, layout.x[s.from], y, spanWidth(s), groupHeight));
  table.columns.forEach((c, i) => {
    if (c.group) cell(c.header, layout.x[i], y + groupHeight, layout.widths[i], headerHeight);
    else cell(c.header, layout.x[i], y, layout.widths[i], groupHeight + headerHeight);
  });
  return y + groupHeight + headerHeight;
}

const bottomOf = (pdf: Pdf) => pdf.page.height - MARGIN - FOOTER_HEIGHT;

/** A new page, headed by the report's title so that a loose page still says what it belongs to. */
function continuationPage(pdf: Pdf, doc: ReportDocument): number {
  pdf.addPage();
  pdf
    .font(FONT)
    .fontSize(7)
    .text(`${doc.title} (lanjutan)`, MARGIN, MARGIN, { width: pdf.page.width - 2 * MARGIN });
  return pdf.y + 3;
}

function drawTable(pdf: Pdf, doc: ReportDocument, table: ReportTable, y: number): number {
  const texts = textsOf(table);
  const layout = layoutOf(pdf, table, texts);
  if (y + 60 > bottomOf(pdf)) y = continuationPage(pdf, doc);
  pdf
    .font(BOLD)
    .fontSize(8)
    .text(table.title, MARGIN, y, { width: pdf.page.width - 2 * MARGIN });
  y = drawHeader(pdf, table, layout, pdf.y + 3);
  const align = table.columns.map((c) => (RIGHT_ALIGNED.has(c.kind) ? 'right' : 'left'));
  const centred = table.columns.map(() => 'center' as const);
  const headings = headingRowCount(table);
  const draw = (r: number, top: number): number => {
    pdf.font(table.rows[r].total ? BOLD : FONT).fontSize(layout.fontSize);
    const h = heightOf(pdf, texts[r], layout.widths);
    drawRow(pdf, layout, texts[r], top, h, table.rows[r].heading ? centred : align);
    return top + h;
  };
  table.rows.forEach((row, r) => {
    pdf.font(row.total ? BOLD : FONT).fontSize(layout.fontSize);
    if (r >= headings && y + heightOf(pdf, texts[r], layout.widths) > bottomOf(pdf)) {
      // The table's headings again on every page it runs onto, with the rows that belong to them (column numbers).
      y = drawHeader(pdf, table, layout, continuationPage(pdf, doc));
      for (let h = 0; h < headings; h++) y = draw(h, y);
    }
    y = draw(r, y);
  });
  return y;
}

/**
 * Written last, into the bottom margin of every buffered page: where the paper was drawn from (point of
 * view, ledger position, signed checkpoint) and "Halaman x dari N".
 */
function footPages(pdf: Pdf, options: RenderOptions): void {
  const range = pdf.bufferedPageRange();
  const lines = options.provenance ? provenanceLines(options.provenance) : [];
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf.page.margins.bottom = 0;
    const width = pdf.page.width - 2 * MARGIN;
    const top = pdf.page.height - MARGIN - FOOTER_HEIGHT + 8;
    pdf.font(FONT).fontSize(6);
    lines.forEach((line, n) => pdf.text(line, MARGIN, top + n * 8, { width: width - 70, lineBreak: false }));
    pdf.text(`Halaman ${i + 1} dari ${range.count}`, MARGIN, top + Math.max(0, lines.length - 1) * 8, {
      width,
      align: 'right',
      lineBreak: false,
    });
  }
}

/**
 * Landscape A4 or F4 like the tables of the Renja document: title, point of view, headed tables (headings
 * repeated on every page), amounts in Indonesian style, the office's signature block, and on every page's
 * foot where the paper was drawn from and its page number.
 */
export function renderPdf(doc: ReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  const [width, height] = PAPER_POINTS[options.paper ?? 'a4'];
  const pdf = new PDFDocument({
    size: [width, height],
    layout: 'landscape',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
    bufferPages: true,
    info: { Title: doc.title, Creator: 'Renja Ledger' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font(BOLD).fontSize(11).text(doc.title, { align: 'center' });
  pdf.font(FONT).fontSize(7);
  for (const line of doc.subtitle) pdf.text(line, { align: 'center' });
  let y = pdf.y + 8;
  for (const table of doc.pdf ?? doc.tables) y = drawTable(pdf, doc, table, y) + 12;
  if (options.signatory !== undefined) {
    if (y + SIGNATURE_HEIGHT > bottomOf(pdf)) y = continuationPage(pdf, doc) + 8;
    drawSignature(pdf, options.signatory, options.provenance?.drawnAt ?? null, y);
  }
  footPages(pdf, options);
  pdf.end();
  return done;
}
