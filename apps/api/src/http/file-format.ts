import { StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiQuery } from '@nestjs/swagger';
import { invalid, msg } from '@renja/domain';
import {
  CONTENT_TYPES,
  parseCsvStyle,
  parsePaper,
  parseReportFormat,
  renderFile,
  type CsvStyle,
  type FileFormat,
  type Paper,
  type RenderOptions,
  type ReportDocument,
  type ReportFormat,
} from '@renja/projections';

/** Every table is a file in each format: CSV, XLSX and a printable PDF. */
export const TABLE_FILES: readonly FileFormat[] = ['csv', 'xlsx', 'pdf'];

/**
 * ?format= wins; otherwise the first of `files` the Accept header asks for; otherwise JSON. A format this
 * table has no file for is a 400 naming `format` (rule REPORT_FORMAT), before any work is done.
 */
export function negotiate(
  format: string | undefined,
  accept: string | undefined,
  files: readonly FileFormat[] = TABLE_FILES,
): ReportFormat {
  if (format !== undefined) {
    const parsed = parseReportFormat(format);
    if (parsed !== 'json' && !files.includes(parsed))
      throw invalid('format', msg('REPORT_FORMAT.table', { value: format, formats: ['json', ...files].join(', ') }), 'REPORT_FORMAT');
    return parsed;
  }
  const wanted = (accept ?? '').toLowerCase();
  return files.find((f) => wanted.includes(CONTENT_TYPES[f].split(';')[0])) ?? 'json';
}

/** The query parameters that shape a file: ?paper=a4|f4 (PDF and XLSX) and ?csv=machine|id. */
export interface FileQuery {
  paper?: string;
  csv?: string;
}

/** ?paper= and ?csv=, checked before any work (a 400 naming the parameter); defaults A4 and the machine CSV. */
export function fileStyle(query: FileQuery): { paper: Paper; csv: CsvStyle } {
  if (query.paper !== undefined && typeof query.paper !== 'string') throw invalid('paper', msg('PAPER_SIZE.once'), 'PAPER_SIZE');
  if (query.csv !== undefined && typeof query.csv !== 'string') throw invalid('csv', msg('CSV_STYLE.once'), 'CSV_STYLE');
  return {
    paper: query.paper === undefined ? 'a4' : parsePaper(query.paper),
    csv: query.csv === undefined ? 'machine' : parseCsvStyle(query.csv),
  };
}

/** A document as the file download: its content type and file name (`plan-DKUKM-2022.xlsx`). */
export async function fileResponse(doc: ReportDocument, format: FileFormat, options: RenderOptions = {}): Promise<StreamableFile> {
  const file = await renderFile(doc, format, options);
  return new StreamableFile(file, { type: CONTENT_TYPES[format], disposition: `attachment; filename="${doc.fileStem}.${format}"` });
}

/** OpenAPI: ?paper= and ?csv=, shared by every endpoint that gives files. */
export const FILE_STYLE_QUERIES: MethodDecorator[] = [
  ApiQuery({
    name: 'paper',
    required: false,
    enum: ['a4', 'f4'],
    description: 'PDF and XLSX: landscape A4 (default) or F4 (folio, 215 × 330 mm)',
  }),
  ApiQuery({
    name: 'csv',
    required: false,
    enum: ['machine', 'id'],
    description:
      'CSV: machine (default: comma-separated, decimal point, machine column names) or id (for spreadsheets in Indonesian settings: semicolon-separated, decimal comma without grouping, Indonesian column headings, UTF-8 with BOM)',
  }),
];

/** OpenAPI: ?format=, ?paper=, ?csv= and the content types of a table's files. */
export const TableFileDocs =
  (files: readonly FileFormat[] = TABLE_FILES): MethodDecorator =>
  (target, key, descriptor) => {
    ApiQuery({ name: 'format', required: false, enum: ['json', ...files], description: 'Default: from the Accept header, else json' })(
      target,
      key,
      descriptor,
    );
    FILE_STYLE_QUERIES.forEach((d) => d(target, key, descriptor));
    ApiProduces(CONTENT_TYPES.json, ...files.map((f) => CONTENT_TYPES[f]))(target, key, descriptor);
  };
