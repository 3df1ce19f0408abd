import PDFDocument from 'pdfkit';
import { humanCell } from './human-cells';
import { cellKind, type ReportDocument, type ReportTable, type TableColumn } from './report-table';

const MARGIN = 24;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const CELL_FONT_SIZE = 5.5;
const PADDING = 1.5;
const RIGHT_ALIGNED = new Set(['amount', 'percent', 'value', 'integer']);

type Pdf = PDFKit.PDFDocument;

interface Layout {
  x: number[];
  widths: number[];
}

function layoutOf(pdf: Pdf, columns: TableColumn[]): Layout {
  const usable = pdf.page.width - 2 * MARGIN;
  const weights = columns.map((c) => c.width ?? 10);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * usable);
  const x = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  return { x, widths };
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
  pdf.font(BOLD).fontSize(CELL_FONT_SIZE);
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
  const spans: Array<{ from: number; to: number; text: string }> = [];
  table.columns.forEach((c, i) => {
    const last = spans.at(-1);
    if (c.group && last?.text === c.group && last.to === i - 1) last.to = i;
    else if (c.group) spans.push({ from: i, to: i, text: c.group });
  });
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

function drawTable(pdf: Pdf, doc: ReportDocument, table: ReportTable, y: number): number {
  const layout = layoutOf(pdf, table.columns);
  const bottom = pdf.page.height - MARGIN - 12;
  if (y + 60 > bottom) {
    pdf.addPage();
    y = MARGIN;
  }
  pdf
    .font(BOLD)
    .fontSize(8)
    .text(table.title, MARGIN, y, { width: pdf.page.width - 2 * MARGIN });
  y = drawHeader(pdf, table, layout, pdf.y + 3);
  const align = table.columns.map((c) => (RIGHT_ALIGNED.has(c.kind) ? 'right' : 'left'));
  for (const row of table.rows) {
    const texts = table.columns.map((c) => humanCell(cellKind(row, c), row.cells[c.key] ?? null, { compact: true }));
    pdf.font(row.total ? BOLD : FONT).fontSize(CELL_FONT_SIZE);
    const h = heightOf(pdf, texts, layout.widths);
    if (y + h > bottom) {
      pdf.addPage();
      pdf.font(FONT).fontSize(7).text(doc.title, MARGIN, MARGIN);
      y = drawHeader(pdf, table, layout, pdf.y + 3);
      pdf.font(row.total ? BOLD : FONT).fontSize(CELL_FONT_SIZE);
    }
    drawRow(pdf, layout, texts, y, h, align);
    y += h;
  }
  return y;
}

/** Page numbers are written last, into the bottom margin, on every buffered page. */
function numberPages(pdf: Pdf): void {
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf.page.margins.bottom = 0;
    pdf
      .font(FONT)
      .fontSize(6)
      .text(`Halaman ${i + 1} dari ${range.count}`, MARGIN, pdf.page.height - MARGIN, {
        width: pdf.page.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
  }
}

/** Landscape A4 like the tables of the Renja document: title, point of view, headed tables, amounts in Indonesian style. */
export function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
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
  for (const table of doc.pdf ?? []) {
    y = drawTable(pdf, doc, table, y) + 12;
  }
  numberPages(pdf);
  pdf.end();
  return done;
}
