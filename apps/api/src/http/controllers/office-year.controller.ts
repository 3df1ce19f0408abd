import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseOfficeCode } from '@renja/domain';
import { lineAddress, ShiftBudgetCommand, type CommandMetadata, type CommandResult } from '@renja/application';
import { PlanReader, planDocument } from '@renja/projections';
import { ShiftBudgetDto } from '../dto/shift.dto';
import { fileResponse, fileStyle, negotiate, TableFileDocs } from '../file-format';
import { PaperSources } from '../paper-sources';
import { asOfFromQuery, FiscalYearPipe } from '../params';
import { WriteMetadata } from '../write-metadata';
import { writeResponse } from '../write-response';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedIn, ApiSignedInWrite } from '../openapi/security';

@ApiTags('plan')
@Controller('api/v1/years/:year/offices/:office')
export class OfficeYearController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: PlanReader,
    private readonly papers: PaperSources,
  ) {}

  @Get('plan')
  @ApiSignedIn()
  @ApiErrors(400, 403, 404)
  @ApiOperation({
    summary:
      "The office's plan for the year: every line with pagu, realisation and absorption, rolled up; as a file, one row per line plus the office total",
  })
  @ApiQuery({ name: 'validAt', required: false, description: 'Effective date YYYY-MM-DD: "the pagu on 31 October 2022"' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'Recorded time: "as the ledger knew it on 15 December 2022"' })
  @ApiOkResponse({ description: "The office's plan: JSON, or the file asked for by format / Accept" })
  @TableFileDocs()
  async plan(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Query('validAt') validAt?: string,
    @Query('knownAt') knownAt?: string,
    @Query('format') format?: string,
    @Headers('accept') accept?: string,
    @Query('paper') paper?: string,
    @Query('csv') csv?: string,
  ) {
    const wanted = negotiate(format, accept);
    const style = fileStyle({ paper, csv });
    const code = parseOfficeCode(office, 'office');
    const asOf = asOfFromQuery(validAt, knownAt);
    const plan = await this.reader.plan(year, code, asOf);
    if (wanted === 'json') return plan;
    return fileResponse(planDocument(plan), wanted, await this.papers.renderOptions(wanted, code, asOf, style));
  }

  @Post('shifts')
  @HttpCode(201)
  @ApiSignedInWrite()
  @ApiErrors(400, 404, 409, 412, 413, 415, 422)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Version of the line giving the budget (fromCode)' })
  @ApiOperation({ summary: 'Shift budget (pergeseran) from one line to another: both change or neither' })
  @ApiCreatedResponse({
    description: "Recorded on both lines: the write result of the giving line (ETag: its version) and the receiving line's version",
  })
  async shift(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Body() body: ShiftBudgetDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const from = lineAddress(year, office, body.fromCode);
    const to = lineAddress(year, office, body.toCode);
    const result: CommandResult = await this.commands.execute(new ShiftBudgetCommand(year, office, { ...body }, meta));
    return {
      ...writeResponse(res, result, from.streamId),
      versions: { [from.code]: result.streamVersions[from.streamId], [to.code]: result.streamVersions[to.streamId] },
    };
  }
}
