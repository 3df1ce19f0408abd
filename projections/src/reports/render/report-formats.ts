import { invalid, msg } from '@renja/domain';
import { renderCsv } from './csv';
import { renderPdf } from './pdf';
import type { ReportDocument } from './report-table';
import type { RenderOptions } from './render-options';
import { renderXlsx } from './xlsx';

export * from './render-options';

export type FileFormat = 'csv' | 'xlsx' | 'pdf';
export type ReportFormat = 'json' | FileFormat;

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export const REPORT_FORMATS = Object.keys(CONTENT_TYPES) as ReportFormat[];

export function parseReportFormat(value: string, field = 'format'): ReportFormat {
  if (!(REPORT_FORMATS as string[]).includes(value))
    throw invalid(field, msg('REPORT_FORMAT', { value, formats: REPORT_FORMATS.join(', ') }), 'REPORT_FORMAT');
  return value as ReportFormat;
}

/**
 * A report document as a file. Every document prints: the PDF lays out `doc.pdf` when the report has a
 * printable form of its own, else the tables the spreadsheet has.
 */
export async function renderFile(doc: ReportDocument, format: FileFormat, options: RenderOptions = {}): Promise<Buffer> {
  switch (format) {
    case 'csv':
      return Buffer.from(renderCsv(doc.csv, options.csv), 'utf8');
    case 'xlsx':
      return renderXlsx(doc, options);
    case 'pdf':
      return renderPdf(doc, options);
  }
}
