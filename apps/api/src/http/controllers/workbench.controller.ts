import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { parseOfficeCode } from '@renja/domain';
import { inScope, VERIFICATION_MONITOR, type Principal } from '@renja/application';
import type { VerificationMonitor } from '@renja/verification';
import { changeLogDocument, officeYearChanges, officeYearOverview, PlanReader } from '@renja/projections';
import { CurrentPrincipal } from '../auth.guard';
import { changeFilter, type ChangeQuery } from '../change-query';
import { fileResponse, fileStyle, negotiate, TableFileDocs, type FileQuery } from '../file-format';
import { PaperSources } from '../paper-sources';
import { FiscalYearPipe } from '../params';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedIn } from '../openapi/security';

/** What the web workbench's screens read: the office-years at a glance, and an office-year's change log. */
@ApiTags('workbench')
@ApiSignedIn()
@Controller('api/v1')
export class WorkbenchController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: PlanReader,
    @Inject(VERIFICATION_MONITOR) private readonly verification: VerificationMonitor,
    private readonly papers: PaperSources,
  ) {}

  @Get('overview')
  @ApiOperation({
    summary: "The office-years within the caller's scope (lines, the plan's office totals, last change) and the last verification",
  })
  async overview(@CurrentPrincipal() principal: Principal) {
    const officeYears = await officeYearOverview(this.dataSource, this.reader, (office) => inScope(principal.offices, office));
    return { officeYears, verification: this.verification.status() };
  }

  @Get('years/:year/offices/:office/changes')
  @ApiErrors(400, 403, 404)
  @ApiOperation({
    summary:
      "The office-year's change log: every change of every line, in recorded order, filtered and paged by position; as a file, one row per entry",
  })
  @ApiQuery({ name: 'from', required: false, description: 'Recorded on or after this day (YYYY-MM-DD, Asia/Jakarta)' })
  @ApiQuery({ name: 'to', required: false, description: 'Recorded on or before this day (YYYY-MM-DD, Asia/Jakarta)' })
  @ApiQuery({ name: 'actor', required: false, description: 'Exactly this actor' })
  @ApiQuery({ name: 'kind', required: false, description: 'Event type, e.g. plan-line.pagu-changed' })
  @ApiQuery({ name: 'code', required: false, description: 'One line code' })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'] })
  @ApiQuery({ name: 'limit', required: false, description: 'Entries per page, 1-1000 (default 200)' })
  @ApiQuery({ name: 'after', required: false, description: 'Position cursor: nextAfter of the previous page' })
  @ApiOkResponse({ description: 'The change log page (entries, nextAfter): JSON, or the file asked for by format / Accept' })
  @TableFileDocs()
  async changes(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Query() query: ChangeQuery & FileQuery & { format?: string },
    @Headers('accept') accept?: string,
  ) {
    const { format, paper, csv, ...filters } = query;
    const wanted = negotiate(format, accept);
    const style = fileStyle({ paper, csv });
    const filter = changeFilter(filters);
    const officeRow = await this.reader.office(parseOfficeCode(office, 'office'));
    const log = await officeYearChanges(this.dataSource, year, officeRow.code, filter);
    if (wanted === 'json') return log;
    const options = await this.papers.renderOptions(wanted, officeRow.code, {}, style);
    return fileResponse(
      changeLogDocument({ year, office: { code: officeRow.code, name: officeRow.name }, filters: filters, log }),
      wanted,
      options,
    );
  }
}
