import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { WriteResultDto } from '../dto/common.dto';
import type { Response } from 'express';
import { parsePlanCode } from '@renja/domain';
import {
  ChangePaguCommand,
  DefineIndicatorCommand,
  lineAddress,
  RecordRealisationCommand,
  RegisterLineCommand,
  ReviseTargetCommand,
  type CommandMetadata,
  type CommandResult,
  type LineChangeCommand,
} from '@renja/application';
import { lineHistoryDocument, PlanReader } from '@renja/projections';
import { ChangePaguDto, DefineIndicatorDto, RecordRealisationDto, ReviseTargetDto } from '../dto/line-change.dto';
import { RegisterLineDto } from '../dto/office.dto';
import { fileResponse, fileStyle, negotiate, TableFileDocs, type FileQuery } from '../file-format';
import { PaperSources } from '../paper-sources';
import { asOfFromQuery, FiscalYearPipe } from '../params';
import { WriteMetadata } from '../write-metadata';
import { writeResponse } from '../write-response';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedIn, ApiSignedInWrite } from '../openapi/security';

type LineChangeClass = new (
  year: number,
  office: string,
  code: string,
  body: Record<string, unknown>,
  meta: CommandMetadata,
) => LineChangeCommand;

// A new set of decorators for every route: @nestjs/swagger's ApiSecurity keeps what it was given, so one
// instance applied to several routes would list a requirement once more on each.
const Write = (): MethodDecorator =>
  applyDecorators(
    ApiSignedInWrite(),
    ApiErrors(400, 404, 409, 412, 413, 415, 422),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Re-sending the same key returns the first result and writes nothing',
    }),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag (version) of the line you last read; 412 if it changed' }),
  );

@ApiTags('plan lines')
@Controller('api/v1/years/:year/offices/:office/lines')
export class LinesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: PlanReader,
    private readonly papers: PaperSources,
  ) {}

  private async change(
    Command: LineChangeClass,
    year: number,
    office: string,
    code: string,
    body: object,
    meta: CommandMetadata,
    res: Response,
  ) {
    const line = lineAddress(year, office, code);
    const result: CommandResult = await this.commands.execute(new Command(year, office, code, body as Record<string, unknown>, meta));
    return writeResponse(res, result, line.streamId);
  }

  @Post()
  @HttpCode(201)
  @Write()
  @ApiOperation({ summary: 'Register a program, kegiatan or sub kegiatan line for the year' })
  @ApiCreatedResponse({
    description: 'Registered: the code, level and parent code of the line, and the write result (eventIds, version, position, replayed)',
  })
  async register(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Body() body: RegisterLineDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const line = lineAddress(year, office, parsePlanCode(body.code).code);
    const result: CommandResult = await this.commands.execute(new RegisterLineCommand(year, office, body, meta));
    return { code: line.code, level: line.level, parentCode: line.parentCode, ...writeResponse(res, result, line.streamId) };
  }

  @Post(':code/indicators')
  @HttpCode(201)
  @Write()
  @ApiOperation({ summary: 'Define a performance indicator on a line' })
  @ApiCreatedResponse({
    type: WriteResultDto,
    description: 'Recorded (ETag: the new version; Idempotent-Replayed: true when a stored result was replayed)',
  })
  indicator(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Param('code') code: string,
    @Body() body: DefineIndicatorDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(DefineIndicatorCommand, year, office, code, body, meta, res);
  }

  @Post(':code/targets')
  @HttpCode(201)
  @Write()
  @ApiOperation({ summary: "Set or revise an indicator's target" })
  @ApiCreatedResponse({
    type: WriteResultDto,
    description: 'Recorded (ETag: the new version; Idempotent-Replayed: true when a stored result was replayed)',
  })
  target(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Param('code') code: string,
    @Body() body: ReviseTargetDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(ReviseTargetCommand, year, office, code, body, meta, res);
  }

  @Post(':code/pagu')
  @HttpCode(201)
  @Write()
  @ApiOperation({ summary: "Set (amount) or add to (delta) a funding source's pagu in a phase" })
  @ApiCreatedResponse({
    type: WriteResultDto,
    description: 'Recorded (ETag: the new version; Idempotent-Replayed: true when a stored result was replayed)',
  })
  pagu(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Param('code') code: string,
    @Body() body: ChangePaguDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(ChangePaguCommand, year, office, code, body, meta, res);
  }

  @Post(':code/realisations')
  @HttpCode(201)
  @Write()
  @ApiOperation({ summary: 'Record realisation (Rupiah and/or outputs) for a month or quarter' })
  @ApiCreatedResponse({
    type: WriteResultDto,
    description: 'Recorded (ETag: the new version; Idempotent-Replayed: true when a stored result was replayed)',
  })
  realisation(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Param('code') code: string,
    @Body() body: RecordRealisationDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(RecordRealisationCommand, year, office, code, body, meta, res);
  }

  @Get(':code')
  @ApiSignedIn()
  @ApiErrors(400, 403, 404)
  @ApiOperation({ summary: 'One line: pagu per phase and source, realisation, absorption, indicators' })
  @ApiOkResponse({ description: 'The line (ETag: its version, for If-Match)' })
  @ApiQuery({ name: 'validAt', required: false, description: 'Effective date YYYY-MM-DD' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'Recorded time: a date or ISO timestamp (UTC)' })
  async line(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Param('code') code: string,
    @Query('validAt') validAt: string | undefined,
    @Query('knownAt') knownAt: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const address = lineAddress(year, office, code);
    const line = await this.reader.line(address.streamId, address.code, asOfFromQuery(validAt, knownAt));
    res.setHeader('ETag', `"${line.version}"`);
    return line;
  }

  @Get(':code/history')
  @ApiSignedIn()
  @ApiErrors(400, 403, 404)
  @ApiOperation({
    summary:
      'Revision history of a line: every change with who, when, why and on what legal basis; as a file (csv, xlsx, pdf) one row per change',
  })
  @ApiOkResponse({ description: "The line's changes: JSON, or the file asked for by format / Accept" })
  @TableFileDocs()
  async history(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Param('code') code: string,
    @Query() query: FileQuery & { format?: string },
    @Headers('accept') accept?: string,
  ) {
    const wanted = negotiate(query.format, accept);
    const style = fileStyle(query);
    const address = lineAddress(year, office, code);
    const entries = await this.reader.history(address.streamId, address.code);
    if (wanted === 'json') return entries;
    const [officeRow, line, options] = await Promise.all([
      this.reader.office(address.officeCode),
      this.reader.lineRow(address.streamId, address.code),
      this.papers.renderOptions(wanted, address.officeCode, {}, style),
    ]);
    const file = {
      year,
      office: { code: officeRow.code, name: officeRow.name },
      line: { code: line.code, name: line.name, level: line.level },
      entries,
    };
    return fileResponse(lineHistoryDocument(file), wanted, options);
  }
}
