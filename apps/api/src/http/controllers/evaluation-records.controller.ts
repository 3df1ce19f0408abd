import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { evaluationNoteStreamId, parseOfficeCode } from '@renja/domain';
import {
  lineAddress,
  RecordEvaluationNoteCommand,
  RecordRenstraCommand,
  type CommandMetadata,
  type CommandResult,
} from '@renja/application';
import { RecordEvaluationNoteDto, RecordRenstraDto } from '../dto/evaluation-records.dto';
import { FiscalYearPipe } from '../params';
import { WriteMetadata } from '../write-metadata';
import { writeResponse } from '../write-response';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedInWrite } from '../openapi/security';

/** What the Renja evaluation needs besides the plan: Renstra figures per line and the quarter's faktor notes. */
@ApiTags('evaluation')
@ApiSignedInWrite()
@ApiErrors(400, 404, 409, 412, 413, 415, 422)
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Re-sending the same key returns the first result and writes nothing' })
@Controller('api/v1/years/:year/offices/:office')
export class EvaluationRecordsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('lines/:code/renstra')
  @HttpCode(201)
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag (version) of the line you last read; 412 if it changed' })
  @ApiOperation({
    summary: "Record a line's Renstra figures: end-of-period target and realisation up to last year, in K (per indicator) and Rp",
  })
  async renstra(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Param('code') code: string,
    @Body() body: RecordRenstraDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const line = lineAddress(year, office, code);
    const result: CommandResult = await this.commands.execute(new RecordRenstraCommand(year, office, code, { ...body }, meta));
    return writeResponse(res, result, line.streamId);
  }

  @Post('evaluation-notes')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record the faktor pendorong, faktor penghambat and tindak lanjut of a quarter, for the office or one line; printed after the evaluation table',
  })
  async note(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Body() body: RecordEvaluationNoteDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result: CommandResult = await this.commands.execute(new RecordEvaluationNoteCommand(year, office, { ...body }, meta));
    return writeResponse(res, result, evaluationNoteStreamId(parseOfficeCode(office, 'office'), year));
  }
}
