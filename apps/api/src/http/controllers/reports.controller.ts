import { BadRequestException, Controller, Get, Headers, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { msg, parseOfficeCode } from '@renja/domain';
import { authorize, EVENT_STORE, type Principal } from '@renja/application';
import type { EventStore } from '@renja/event-store';
import { ConsistencyReader, consistencyDocument, CONTENT_TYPES, reportDocument, ReportReader, type AnyReport } from '@renja/projections';
import { FILE_STYLE_QUERIES, fileResponse, fileStyle, negotiate, TableFileDocs, type FileQuery } from '../file-format';
import { CurrentPrincipal } from '../auth.guard';
import { streamedJson, type KeptTexts } from '../json-stream';
import { jsonBytes } from '../json-bytes';
import { PaperSources } from '../paper-sources';
import { asOfFromQuery, FiscalYearPipe } from '../params';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedIn } from '../openapi/security';

const AS_OF_QUERIES = [
  ApiQuery({ name: 'validAt', required: false, description: 'Effective date YYYY-MM-DD: "the pagu on 31 October 2022"' }),
  ApiQuery({
    name: 'knownAt',
    required: false,
    description: 'Recorded time, a date or ISO timestamp (UTC): "as the ledger knew it on 15 December 2022"',
  }),
  ApiQuery({
    name: 'format',
    required: false,
    enum: ['json', 'csv', 'xlsx', 'pdf'],
    description: 'Default: from the Accept header, else json',
  }),
  ...FILE_STYLE_QUERIES,
  ApiProduces(...Object.values(CONTENT_TYPES)),
];
const ReportQueries = (): MethodDecorator => (target, key, descriptor) => AS_OF_QUERIES.forEach((d) => d(target, key, descriptor));
/** The point of view of a province report; JSON only. */
const PROVINCE_QUERIES = [
  ...AS_OF_QUERIES.slice(0, 2),
  ApiQuery({
    name: 'lines',
    required: false,
    enum: ['true', 'false'],
    description: "Default true; false: each office's totals only (no lines / rows): a far smaller answer",
  }),
  ApiQuery({ name: 'format', required: false, enum: ['json'], description: 'json only (files are per office)' }),
];
const ProvinceQueries = (): MethodDecorator => (target, key, descriptor) => PROVINCE_QUERIES.forEach((d) => d(target, key, descriptor));

/**
 * The texts of the reports' lines and rows (and the other arrays and objects of each report), kept with the kept
 * reports they belong to (report-memo.ts: the same objects for as long as the lines are the same). One office's
 * report and the province answer share them: an office's lines are the same array in both.
 */
const REPORT_TEXTS: KeptTexts = new WeakMap();

interface ReportQuery extends FileQuery {
  validAt?: string;
  knownAt?: string;
  format?: string;
}

interface ProvinceQuery extends ReportQuery {
  lines?: string;
}

@ApiTags('reports')
@ApiSignedIn()
@ApiErrors(400, 403, 404)
@Controller('api/v1/years/:year')
export class ReportsController {
  private readonly reports: ReportReader;
  private readonly consistencyReports: ConsistencyReader;

  constructor(
    dataSource: DataSource,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly papers: PaperSources,
  ) {
    this.reports = new ReportReader(dataSource, store);
    this.consistencyReports = new ConsistencyReader(dataSource, store);
  }

  /** Validates every parameter before any work, so a bad one is a 400 naming its field. */
  private async respond(
    office: string,
    query: ReportQuery,
    accept: string | undefined,
    build: (asOf: ReturnType<typeof asOfFromQuery>, officeCode: string) => Promise<AnyReport>,
  ) {
    const format = negotiate(query.format, accept);
    const style = fileStyle(query);
    const code = parseOfficeCode(office, 'office');
    const asOf = asOfFromQuery(query.validAt, query.knownAt);
    const report = await build(asOf, code);
    // The report's members one by one, its lines (or rows) from their kept text (report-memo.ts).
    if (format === 'json') return jsonBytes(report, 2, REPORT_TEXTS);
    return fileResponse(reportDocument(report), format, await this.papers.renderOptions(format, code, asOf, style));
  }

  @Get('offices/:office/reports/pagu-trail')
  @ApiOperation({ summary: 'Why is this pagu what it is? Every step from the first plan amount to the current pagu, with a tie-out' })
  @ApiQuery({
    name: 'code',
    required: false,
    description: 'A line; a kegiatan or program includes everything under it. Absent: the whole office',
  })
  @ReportQueries()
  paguTrail(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Query() query: ReportQuery & { code?: string },
    @Headers('accept') accept?: string,
  ) {
    return this.respond(office, query, accept, (asOf, officeCode) =>
      this.reports.paguTrail({ year, office: officeCode, asOf, code: query.code }),
    );
  }

  @Get('offices/:office/lines/:code/reports/pagu-trail')
  @ApiOperation({ summary: 'The pagu trail of one line (and everything under it): same as reports/pagu-trail?code=' })
  @ApiParam({ name: 'code', description: 'Permendagri 90 code of the line' })
  @ReportQueries()
  linePaguTrail(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Param('code') code: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    return this.respond(office, query, accept, (asOf, officeCode) => this.reports.paguTrail({ year, office: officeCode, asOf, code }));
  }

  @Get('offices/:office/reports/reconciliation')
  @ApiOperation({
    summary: 'Reconciliation of two phases (default APBD against APBD-P): per line, rolled up, explained by events, tied out',
  })
  @ApiQuery({ name: 'from', required: false, description: 'Phase of the chain, default APBD' })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'A later phase; default APBD_P, or the latest phase in effect when there is no APBD_P',
  })
  @ReportQueries()
  reconciliation(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Query() query: ReportQuery & { from?: string; to?: string },
    @Headers('accept') accept?: string,
  ) {
    return this.respond(office, query, accept, (asOf, officeCode) =>
      this.reports.reconciliation({ year, office: officeCode, asOf, from: query.from, to: query.to }),
    );
  }

  @Get('offices/:office/reports/absorption')
  @ApiOperation({
    summary: 'Absorption (serapan) by month and quarter against the current pagu and the original APBD; Q4 additions flagged',
  })
  @ReportQueries()
  absorption(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    return this.respond(office, query, accept, (asOf, officeCode) => this.reports.absorption({ year, office: officeCode, asOf }));
  }

  @Get('offices/:office/reports/evaluation')
  @ApiOperation({ summary: 'Renja evaluation (Permendagri 86/2017): K and Rp per indicator, capaian, average and predikat per program' })
  @ReportQueries()
  evaluation(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    return this.respond(office, query, accept, (asOf, officeCode) => this.reports.evaluation({ year, office: officeCode, asOf }));
  }

  @Get('offices/:office/reports/consistency')
  @ApiOperation({
    summary:
      'Stated figures (totals and percentages as documents state them) against the figures the ledger computes from their parts; contradicting statements',
  })
  @TableFileDocs()
  async consistency(
    @Param('year', FiscalYearPipe) year: number,
    @Param('office') office: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    const format = negotiate(query.format, accept);
    const style = fileStyle(query);
    if (query.validAt !== undefined || query.knownAt !== undefined) {
      throw new BadRequestException({
        message: msg('INVALID_VALUE.consistency_as_of'),
        field: query.validAt !== undefined ? 'validAt' : 'knownAt',
      });
    }
    const code = parseOfficeCode(office, 'office');
    const report = await this.consistencyReports.report({ year, office: code });
    if (format === 'json') return report;
    return fileResponse(consistencyDocument(report), format, await this.papers.renderOptions(format, code, {}, style));
  }

  /**
   * The province view: JSON only (one report per office; the files are per office). The answer (~24 MB for 40
   * offices with their lines) is sent while it is written, line by line (json-stream.ts): the same text.
   */
  private async province(
    principal: Principal,
    query: ProvinceQuery,
    accept: string | undefined,
    build: (asOf: ReturnType<typeof asOfFromQuery>, lines: boolean) => Promise<object>,
  ): Promise<StreamableFile> {
    authorize(principal, { kind: 'read', office: '*' });
    negotiate(query.format, accept, []);
    const { lines } = query;
    if (lines !== undefined && lines !== 'true' && lines !== 'false')
      throw new BadRequestException({
        message: msg('INVALID_VALUE.boolean', { field: 'lines', value: String(lines).slice(0, 40) }),
        field: 'lines',
        rule: 'INVALID_VALUE',
      });
    // Levels written member by member: the answer, its offices, each office's report, its lines (or rows).
    return streamedJson(await build(asOfFromQuery(query.validAt, query.knownAt), lines !== 'false'), 4, REPORT_TEXTS);
  }

  @Get('reports/reconciliation')
  @ApiOperation({
    summary:
      "Reconciliation of every office with lines in the year, in one request: `offices` holds each office's reconciliation, exactly as offices/{office}/reports/reconciliation gives it (offices outside the caller's scope left out)",
  })
  @ApiQuery({ name: 'from', required: false, description: 'Phase of the chain, default APBD' })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'A later phase; default per office: APBD_P, or the latest phase in effect when there is no APBD_P',
  })
  @ProvinceQueries()
  provinceReconciliation(
    @Param('year', FiscalYearPipe) year: number,
    @Query() query: ProvinceQuery & { from?: string; to?: string },
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept?: string,
  ) {
    return this.province(principal, query, accept, (asOf, lines) =>
      this.reports.provinceReconciliation({ year, asOf, offices: principal.offices, lines, from: query.from, to: query.to }),
    );
  }

  @Get('reports/evaluation')
  @ApiOperation({
    summary:
      "Renja evaluation of every office with lines in the year, in one request: `offices` holds each office's evaluation, exactly as offices/{office}/reports/evaluation gives it (offices outside the caller's scope left out)",
  })
  @ProvinceQueries()
  provinceEvaluation(
    @Param('year', FiscalYearPipe) year: number,
    @Query() query: ProvinceQuery,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept?: string,
  ) {
    return this.province(principal, query, accept, (asOf, lines) =>
      this.reports.provinceEvaluation({ year, asOf, offices: principal.offices, lines }),
    );
  }
}
