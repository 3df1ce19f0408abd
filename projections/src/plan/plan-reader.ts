import type { DataSource } from 'typeorm';
import { isFullKnowledge, msg, notFound, sortByPlanCode, type AsOf } from '@renja/domain';
import { STORED_VIEWS_VERSION } from '../shared/stored-views';
import { lineFigures, type LineFigures } from './line-figures';
import { readOffice } from './office-reader';
import { rollUp, type Totals } from './rollup';
import { LineHistoryView, OfficeView, PlanLineView } from './plan.entities';

export interface PlanLineResponse extends LineFigures {
  code: string;
  level: string;
  parentCode: string | null;
  name: string;
  version: number;
  /** This line plus everything under it. */
  totals: Totals;
}

export interface PlanResponse {
  year: number;
  office: { code: string; name: string };
  asOf: AsOf;
  totals: Totals;
  lines: PlanLineResponse[];
}

export interface HistoryEntry {
  position: number;
  eventId: string;
  type: string;
  recordedAt: string;
  effectiveDate: string | null;
  actor: string;
  reason: string | null;
  legalBasis: { kind: string; number: string; date: string } | null;
  correctsEventId: string | null;
  changes: Array<{ figure: string | null; from: string | null; to: string | null }>;
}

/** A line is part of an as-known-at view only once its registration was recorded. */
const knownBy = (row: PlanLineView, asOf: AsOf): boolean =>
  !asOf.knownAt || !row.state.registeredAt || row.state.registeredAt <= asOf.knownAt;

/** A line's row with its state, without the stored views (the readers that fold do not need them). */
const WITH_STATE = {
  streamId: true,
  year: true,
  officeCode: true,
  code: true,
  level: true,
  parentCode: true,
  name: true,
  version: true,
  lastPosition: true,
  state: true,
} as const;

interface FiguresRow {
  stream_id: string;
  code: string;
  level: string;
  parent_code: string | null;
  name: string;
  version: number;
  plan_figures: LineFigures | null;
  state: PlanLineView['state'] | null;
}

/** Reads of the plan read model. As-of views fold the stored line states; nothing is replayed. */
export class PlanReader {
  constructor(private readonly dataSource: DataSource) {}

  async office(code: string): Promise<OfficeView> {
    return Object.assign(new OfficeView(), await readOffice(this.dataSource, code));
  }

  offices(): Promise<OfficeView[]> {
    return this.dataSource.getRepository(OfficeView).find({ order: { code: 'ASC' } });
  }

  /**
   * The office's lines with their figures for a point of view, in one query. The full-knowledge view reads the
   * figures the projection stored with each row (the query returns the state instead for a row without
   * current ones, and that row is folded); any other view folds the stored states.
   */
  private async linesWithFigures(
    year: number,
    officeCode: string,
    asOf: AsOf,
  ): Promise<Array<{ row: PlanLineView; figures: LineFigures }>> {
    if (!isFullKnowledge(asOf)) {
      const rows = (await this.dataSource.getRepository(PlanLineView).find({ select: WITH_STATE, where: { year, officeCode } })).filter(
        (r) => knownBy(r, asOf),
      );
      return rows.map((row) => ({ row, figures: lineFigures(row.state, asOf) }));
    }
    const rows: FiguresRow[] = await this.dataSource.query(
      `SELECT stream_id, code, level, parent_code, name, version, plan_figures,
         CASE WHEN views_version = $3 THEN NULL ELSE state END AS state
       FROM rm_plan_lines WHERE year = $1 AND office_code = $2`,
      [year, officeCode, STORED_VIEWS_VERSION],
    );
    return rows.map((r) => ({
      row: Object.assign(new PlanLineView(), {
        streamId: r.stream_id,
        year,
        officeCode,
        code: r.code,
        level: r.level,
        parentCode: r.parent_code,
        name: r.name,
        version: r.version,
      }),
      figures: r.state === null ? r.plan_figures! : lineFigures(r.state, asOf),
    }));
  }

  async plan(year: number, officeCode: string, asOf: AsOf = {}): Promise<PlanResponse> {
    const office = await this.office(officeCode);
    const lines = sortByPlanCode(await this.linesWithFigures(year, officeCode, asOf), (l) => l.row.code);
    const rolled = rollUp(lines.map(({ row, figures }) => ({ code: row.code, parentCode: row.parentCode, ...figures })));
    return {
      year,
      office: { code: office.code, name: office.name },
      asOf,
      totals: rolled.office,
      lines: lines.map(({ row, figures }) => ({
        code: row.code,
        level: row.level,
        parentCode: row.parentCode,
        name: row.name,
        version: row.version,
        ...figures,
        totals: rolled.byCode.get(row.code)!,
      })),
    };
  }

  async lineRow(streamId: string, code: string): Promise<PlanLineView> {
    const row = await this.dataSource.getRepository(PlanLineView).findOne({ select: WITH_STATE, where: { streamId } });
    if (!row) throw notFound('LINE_NOT_REGISTERED', msg('LINE_NOT_REGISTERED.code', { code }), 'code');
    return row;
  }

  async line(streamId: string, code: string, asOf: AsOf = {}): Promise<PlanLineResponse> {
    const row = await this.lineRow(streamId, code);
    if (!knownBy(row, asOf))
      throw notFound('LINE_NOT_REGISTERED', msg('LINE_NOT_REGISTERED.not_yet', { code, knownAt: asOf.knownAt ?? '' }), 'code');
    const all = await this.linesWithFigures(row.year, row.officeCode, asOf);
    const figures = all.find((l) => l.row.streamId === row.streamId)?.figures ?? lineFigures(row.state, asOf);
    const rolled = rollUp(all.map((l) => ({ code: l.row.code, parentCode: l.row.parentCode, ...l.figures })));
    return {
      code: row.code,
      level: row.level,
      parentCode: row.parentCode,
      name: row.name,
      version: row.version,
      ...figures,
      totals: rolled.byCode.get(row.code)!,
    };
  }

  async history(streamId: string, code: string): Promise<HistoryEntry[]> {
    await this.lineRow(streamId, code);
    const rows = await this.dataSource.getRepository(LineHistoryView).find({ where: { streamId }, order: { position: 'ASC', seq: 'ASC' } });
    const entries = new Map<number, HistoryEntry>();
    for (const r of rows) {
      const entry = entries.get(r.position) ?? {
        position: r.position,
        eventId: r.eventId,
        type: r.eventType,
        recordedAt: r.recordedAt,
        effectiveDate: r.effectiveDate,
        actor: r.actor,
        reason: r.reason,
        legalBasis: r.legalBasis,
        correctsEventId: r.correctsEventId,
        changes: [],
      };
      if (r.figure !== null) entry.changes.push({ figure: r.figure, from: r.fromValue, to: r.toValue });
      entries.set(r.position, entry);
    }
    return [...entries.values()];
  }
}
