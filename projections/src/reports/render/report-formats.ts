import { invalid } from '@renja/domain';
import { renderCsv } from './csv';
import { renderPdf } from './pdf';
import type { ReportDocument } from './report-table';
import { renderXlsx } from './xlsx';

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
    throw invalid(field, `"${value}" is not a report format (${REPORT_FORMATS.join(', ')})`, 'REPORT_FORMAT');
  return value as ReportFormat;
}

/** A report document as a file; PDF only for reports with a printable form (evaluation, reconciliation). */
export async function renderFile(doc: ReportDocument, format: FileFormat, field = 'format'): Promise<Buffer> {
  switch (format) {
    case 'csv':
      return Buffer.from(renderCsv(doc.csv), 'utf8');
    case 'xlsx':
      return renderXlsx(doc);
    case 'pdf':
      if (!doc.pdf)
        throw invalid(
          field,
          'PDF is available for the evaluation and the reconciliation; use csv or xlsx for this report',
          'REPORT_FORMAT',
        );
      return renderPdf(doc);
  }
}
