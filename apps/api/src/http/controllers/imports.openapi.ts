import { getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { ErrorBodySchema } from '../openapi/error-body';

/** OpenAPI schemas of POST /api/v1/imports' answers (docs/import-format.md, "Answers"). */
const nullableString: SchemaObject = { type: 'string', nullable: true };

const problem: SchemaObject = {
  type: 'object',
  properties: {
    file: nullableString,
    table: nullableString,
    row: { type: 'integer', nullable: true, description: 'as a spreadsheet numbers it: the header is row 1' },
    column: nullableString,
    value: nullableString,
    rule: { type: 'string', example: 'TOO_MANY_DECIMALS' },
    message: { type: 'string' },
  },
};

const warning: SchemaObject = {
  type: 'object',
  description:
    'a figure that is possible but implausible, in Indonesian: file, row, column, the value as read and why (docs/import-format.md, "Warnings")',
  properties: {
    ...problem.properties,
    rule: {
      type: 'string',
      enum: ['ACHIEVEMENT_IMPLAUSIBLE', 'AMOUNT_IMPLAUSIBLE', 'TARGET_CHANGE_IMPLAUSIBLE', 'DECIMAL_COMMA_SUSPECTED'],
    },
    message: {
      type: 'string',
      example:
        'Realisasi Kinerja: "50" dibaca sebagai 50 Unit; capaian "Jumlah UMKM yang dibina" menjadi 2.550,00 % (…), di atas 200 %. Periksa angka dan satuannya: mungkin koma desimal terbaca sebagai pemisah sel.',
    },
  },
};

const previewRow: SchemaObject = {
  type: 'object',
  properties: {
    row: { type: 'integer', example: 2 },
    cells: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'each non-empty cell as read, by column',
      example: { Pagu: '653.027.794,00', Tahapan: 'APBD Induk' },
    },
    values: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'what the importer understood: amounts as decimal strings, dates YYYY-MM-DD, phases, periods, codes as stored',
      example: { Pagu: '653027794.00', Tahapan: 'APBD', 'Tanggal Berlaku': '2022-01-03', Kode: '2.17.07.1.01.0001' },
    },
    outcome: { type: 'string', enum: ['records', 'unchanged', 'grouped', 'invalid'] },
    records: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string', example: 'pagu.changed' },
          streamId: { type: 'string', example: 'line-2022-DKUKM-2.17.07.1.01.0001' },
          code: { ...nullableString, description: 'the plan line of a line event' },
          corrects: {
            type: 'string',
            format: 'uuid',
            description: 'koreksi: the event corrected (the latest version of what the row names)',
          },
          replacement: { type: 'object', nullable: true, description: 'koreksi: the figures recorded instead; null for a reversal' },
        },
      },
    },
    groupedWith: { type: 'integer', nullable: true, description: 'realisasi: the row whose realisation this row is part of' },
  },
};

const preview: SchemaObject = {
  type: 'object',
  description: 'dry runs only: every row of every file as read, understood and what it would record',
  properties: {
    truncated: { type: 'boolean', description: 'more rows than the preview lists (5000)' },
    tables: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          file: { type: 'string', example: 'pagu.csv' },
          table: { type: 'string', enum: ['perangkat_daerah', 'rencana', 'pagu', 'pergeseran', 'realisasi', 'total', 'koreksi'] },
          columns: { type: 'array', items: { type: 'string' } },
          rows: { type: 'array', items: previewRow },
        },
      },
    },
  },
};

export const importResultSchema: SchemaObject = {
  type: 'object',
  properties: {
    status: {
      type: 'string',
      enum: ['imported', 'dry_run', 'unchanged', 'already_imported', 'invalid', 'warnings'],
      description: 'warnings: nothing written; the warnings wait for acceptWarnings=true',
    },
    message: { type: 'string' },
    correlationId: { type: 'string' },
    dryRun: { type: 'boolean' },
    files: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          sha256: { type: 'string' },
          bytes: { type: 'integer' },
          rows: { type: 'integer' },
          tables: { type: 'array', items: { type: 'string' } },
          encoding: { type: 'string', nullable: true, enum: ['utf-8', 'windows-1252'], description: 'how a CSV was read; null for XLSX' },
          note: { ...nullableString, description: 'e.g. "pagu.csv dibaca sebagai Windows-1252: …"' },
          alreadyImported: {
            type: 'object',
            nullable: true,
            properties: { recordedAt: { type: 'string' }, actor: { type: 'string' }, fileName: { type: 'string' } },
          },
        },
      },
    },
    tables: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { rows: { type: 'integer' }, events: { type: 'integer' }, unchanged: { type: 'integer' } },
      },
    },
    events: { type: 'integer' },
    unchanged: { type: 'integer' },
    position: { type: 'integer', nullable: true },
    problems: { type: 'array', items: problem },
    warnings: { type: 'array', items: warning },
    preview,
  },
};

/** 422 / 403 / 413: the same body, with the rule of the refusal. */
export const importRefusedSchema: SchemaObject = {
  allOf: [
    importResultSchema,
    {
      type: 'object',
      properties: {
        statusCode: { type: 'integer' },
        error: { type: 'string' },
        rule: { type: 'string', enum: ['IMPORT_INVALID', 'IMPORT_WARNINGS', 'IMPORT_FORBIDDEN', 'IMPORT_TOO_LARGE'] },
      },
    },
  ],
};

/**
 * 403 and 413 come either from the guard or the upload (the ErrorBody every route answers with: no role,
 * no CSRF token, a file over the limit) or from the import itself (IMPORT_FORBIDDEN, IMPORT_TOO_LARGE: the
 * refusal body with every problem).
 */
export const importErrorOrRefusedSchema = (): SchemaObject => ({
  oneOf: [{ $ref: getSchemaPath(ErrorBodySchema) }, importRefusedSchema],
});
