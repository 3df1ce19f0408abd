import { StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiQuery } from '@nestjs/swagger';
import { invalid } from '@renja/domain';
import { CONTENT_TYPES, parseReportFormat, renderFile, type FileFormat, type ReportDocument, type ReportFormat } from '@renja/projections';

/** The file formats of a table with no printable form (the plan, the change log, most reports). */
export const TABLE_FILES: readonly FileFormat[] = ['csv', 'xlsx'];

/**
 * ?format= wins; otherwise the first of `files` the Accept header asks for; otherwise JSON. A format this
 * table has no file for is a 400 naming `format` (rule REPORT_FORMAT), before any work is done.
 */
export function negotiate(
  format: string | undefined,
  accept: string | undefined,
  files: readonly FileFormat[] = ['csv', 'xlsx', 'pdf'],
): ReportFormat {
  if (format !== undefined) {
    const parsed = parseReportFormat(format);
    if (parsed !== 'json' && !files.includes(parsed))
      throw invalid('format', `"${format}" is not a format of this table (json, ${files.join(', ')})`, 'REPORT_FORMAT');
    return parsed;
  }
  const wanted = (accept ?? '').toLowerCase();
  return files.find((f) => wanted.includes(CONTENT_TYPES[f].split(';')[0])) ?? 'json';
}

/** A document as the file download: its content type and file name (`plan-DKUKM-2022.xlsx`). */
export async function fileResponse(doc: ReportDocument, format: FileFormat): Promise<StreamableFile> {
  const file = await renderFile(doc, format);
  return new StreamableFile(file, { type: CONTENT_TYPES[format], disposition: `attachment; filename="${doc.fileStem}.${format}"` });
}

/** OpenAPI: ?format= and the content types of a table's files. */
export const TableFileDocs =
  (files: readonly FileFormat[] = TABLE_FILES): MethodDecorator =>
  (target, key, descriptor) => {
    ApiQuery({ name: 'format', required: false, enum: ['json', ...files], description: 'Default: from the Accept header, else json' })(
      target,
      key,
      descriptor,
    );
    ApiProduces(CONTENT_TYPES.json, ...files.map((f) => CONTENT_TYPES[f]))(target, key, descriptor);
  };
