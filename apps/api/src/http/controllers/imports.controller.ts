import { msg } from '@renja/domain';
import { BadRequestException, ConflictException, Controller, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { bufferSource, ImportConflictError, ImportService, type CommandMetadata } from '@renja/application';
import { BearerTokenGuard } from '../auth.guard';
import { multipartFiles, type UploadedFile } from '../multipart';
import { WriteMetadata } from '../write-metadata';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedInWrite } from '../openapi/security';
import { importErrorOrRefusedSchema, importRefusedSchema, importResultSchema } from './imports.openapi';

function parseFlag(field: 'dryRun' | 'acceptWarnings', value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true' || value === '') return true;
  throw new BadRequestException({ message: msg('INVALID_VALUE.boolean', { field, value: String(value) }), field });
}

/** Upload CSV / XLSX files in the import format (docs/import-format.md): all rows are written, or none. */
@ApiTags('imports')
@Controller('api/v1/imports')
export class ImportsController {
  private readonly readFiles: (req: Request, res: Response) => Promise<UploadedFile[]>;

  constructor(@Inject(ImportService) private readonly imports: ImportService) {
    this.readFiles = multipartFiles(imports.maxBytes);
  }

  @Post()
  @UseGuards(BearerTokenGuard)
  @ApiResponse({
    status: 403,
    description:
      "Not allowed: no role or CSRF token for the upload (ErrorBody, rule FORBIDDEN or CSRF_TOKEN_INVALID); or rows outside the caller's roles or offices (rule IMPORT_FORBIDDEN, every problem listed, nothing written)",
    schema: importErrorOrRefusedSchema(),
  })
  @ApiResponse({
    status: 413,
    description:
      'Files above RENJA_IMPORT_MAX_BYTES (rule IMPORT_TOO_LARGE): as the upload arrives (ErrorBody) or once read (every problem)',
    schema: importErrorOrRefusedSchema(),
  })
  @ApiSignedInWrite({ own403: true })
  @ApiErrors(400, 409)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @ApiQuery({
    name: 'dryRun',
    required: false,
    description: 'true: validate and report what would be written, write nothing; the answer has a preview of every row',
  })
  @ApiQuery({
    name: 'acceptWarnings',
    required: false,
    description:
      'true: write although the import has warnings (implausible figures the user has checked); also accepted as a multipart field of that name. Without it an import with warnings answers 422 IMPORT_WARNINGS and writes nothing',
  })
  @ApiResponse({ status: 201, description: 'events written', schema: importResultSchema })
  @ApiResponse({
    status: 200,
    description: 'nothing written: dry run (with preview), already imported, every row unchanged',
    schema: importResultSchema,
  })
  @ApiResponse({
    status: 422,
    description:
      'an invalid import (rule IMPORT_INVALID): every problem (and, in a dry run, the preview); or warnings not confirmed (rule IMPORT_WARNINGS): the warnings and the preview, nothing written',
    schema: importRefusedSchema,
  })
  @ApiOperation({
    summary: 'Import plans, pagu, shifts, realisations and stated figures from CSV/XLSX files (field "file", one or more)',
    description:
      '201: written; 200: nothing to write (dry run, already imported, every row unchanged); 422: the problem list (file, table, row, column, value, rule), or IMPORT_WARNINGS: implausible figures to confirm with acceptWarnings=true; 413: above RENJA_IMPORT_MAX_BYTES.',
  })
  async upload(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @WriteMetadata() meta: CommandMetadata,
    @Query('dryRun') dryRun?: string,
    @Query('acceptWarnings') acceptWarningsQuery?: string,
  ) {
    const dry = parseFlag('dryRun', dryRun);
    const queryAccept = parseFlag('acceptWarnings', acceptWarningsQuery);
    const files = await this.readFiles(req, res);
    const fieldAccept = parseFlag('acceptWarnings', (req.body as Record<string, unknown> | undefined)?.acceptWarnings);
    const acceptWarnings = queryAccept || fieldAccept;
    if (files.length === 0)
      throw new BadRequestException({
        message: msg('NO_FILES'),
        field: 'file',
        rule: 'NO_FILES',
      });
    try {
      const result = await this.imports.run({
        sources: files.map((f) => bufferSource(f.originalname, f.buffer)),
        principal: meta.principal,
        correlationId: meta.correlationId,
        dryRun: dry,
        acceptWarnings,
      });
      if (result.status === 'invalid') {
        const tooLarge = result.problems.some((p) => p.rule === 'IMPORT_TOO_LARGE');
        const forbidden = !tooLarge && result.problems.some((p) => p.rule === 'FORBIDDEN');
        const [status, error, rule] = tooLarge
          ? [413, 'Payload Too Large', 'IMPORT_TOO_LARGE']
          : forbidden
            ? [403, 'Forbidden', 'IMPORT_FORBIDDEN']
            : [422, 'Unprocessable Entity', 'IMPORT_INVALID'];
        res.status(status);
        return { statusCode: status, error, rule, ...result };
      }
      if (result.status === 'warnings') {
        res.status(422);
        return { statusCode: 422, error: 'Unprocessable Entity', rule: 'IMPORT_WARNINGS', ...result };
      }
      res.status(result.status === 'imported' ? 201 : 200);
      return result;
    } catch (error) {
      if (error instanceof ImportConflictError) throw new ConflictException({ message: error.message, rule: 'CONCURRENT_WRITE' });
      throw error;
    }
  }
}
