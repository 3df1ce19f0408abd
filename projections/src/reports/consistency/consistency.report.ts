import type Decimal from 'decimal.js';
import type { SqlRunner } from '../../shared/sql-runner';
import { Money, statedFigureStreamId, STATED_FIGURE_EVENT_TYPE, type StatedFigureData } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import { loadStateScope, type ReportScope, type StateReportLine } from '../shared/report-lines';
import { ledgerFigure } from './ledger-figures';

/** A stated figure as recorded: what the document says, where, and who recorded it when. */
export interface RecordedStatement extends StatedFigureData {
  eventId: string;
  recordedAt: string;
  actor: string;
}

export interface ConsistencyRow {
  code: string | null;
  /** The line's (or office's) name in the ledger. */
  name: string | null;
  label: string;
  measure: StatedFigureData['measure'];
  phase: string | null;
  period: string | null;
  indicator: string | null;
  source: string;
  note: string | null;
  stated: string;
  /** The ledger's figure computed from its parts; null when it cannot be computed (explanation says why). */
  computed: string | null;
  /** stated − computed. */
  difference: string | null;
  status: 'OK' | 'MISMATCH' | 'NOT_COMPUTABLE';
  explanation: string;
  eventId: string;
}

/** Statements about the same thing (line, measure, phase, period, indicator) that disagree with each other. */
export interface StatementConflict {
  code: string | null;
  measure: string;
  phase: string | null;
  period: string | null;
  indicator: string | null;
  statements: Array<{ value: string; source: string; label: string }>;
}

export interface ConsistencyReport {
  report: 'consistency';
  year: number;
  office: { code: string; name: string };
  rows: ConsistencyRow[];
  conflicts: StatementConflict[];
  summary: { statements: number; ok: number; mismatches: number; notComputable: number; conflicts: number };
}

const subjectKey = (s: StatedFigureData) => JSON.stringify([s.code, s.measure, s.phase, s.period, s.indicator]);

/** Every stated figure next to the ledger's figure for the same thing, and statements that contradict each other. */
export function consistencyReport(scope: ReportScope<StateReportLine>, statements: RecordedStatement[]): ConsistencyReport {
  const names = new Map(scope.lines.map((l) => [l.code, l.name]));
  const rows: ConsistencyRow[] = statements.map((s) => {
    const ledger = ledgerFigure(s, scope.lines);
    // Rupiah with two places, as every report prints money; percentages and targets as stated.
    const shown = (d: Decimal.Value) =>
      s.measure === 'PAGU' || s.measure === 'REALISASI' ? new Money(d).toFixed(2) : new Money(d).toString();
    const difference = ledger.value === null ? null : shown(new Money(s.value).minus(ledger.value));
    return {
      code: s.code,
      name: s.code === null ? scope.office.name : (names.get(s.code) ?? null),
      label: s.label,
      measure: s.measure,
      phase: s.phase,
      period: s.period,
      indicator: s.indicator,
      source: s.source,
      note: s.note,
      stated: shown(s.value),
      computed: ledger.value === null ? null : shown(ledger.value),
      difference,
      status: ledger.value === null ? 'NOT_COMPUTABLE' : new Money(difference!).isZero() ? 'OK' : 'MISMATCH',
      explanation: ledger.explanation,
      eventId: s.eventId,
    };
  });
  const groups = new Map<string, RecordedStatement[]>();
  for (const s of statements) groups.set(subjectKey(s), [...(groups.get(subjectKey(s)) ?? []), s]);
  const conflicts: StatementConflict[] = [...groups.values()]
    .filter((group) => new Set(group.map((s) => new Money(s.value).toString())).size > 1)
    .map((group) => ({
      code: group[0].code,
      measure: group[0].measure,
      phase: group[0].phase,
      period: group[0].period,
      indicator: group[0].indicator,
      statements: group.map((s) => ({ value: s.value, source: s.source, label: s.label })),
    }));
  const count = (status: ConsistencyRow['status']) => rows.filter((r) => r.status === status).length;
  return {
    report: 'consistency',
    year: scope.year,
    office: scope.office,
    rows,
    conflicts,
    summary: {
      statements: rows.length,
      ok: count('OK'),
      mismatches: count('MISMATCH'),
      notComputable: count('NOT_COMPUTABLE'),
      conflicts: conflicts.length,
    },
  };
}

/** Stated figures are read straight from their stream: no read model of their own. */
export async function readStatements(store: EventStore, officeCode: string, year: number): Promise<RecordedStatement[]> {
  const events = await store.readStream(statedFigureStreamId(officeCode, year));
  return events
    .filter((e) => e.type === STATED_FIGURE_EVENT_TYPE)
    .map((e) => ({ ...(e.data as unknown as StatedFigureData), eventId: e.id, recordedAt: e.recordedAt, actor: e.metadata.actor }));
}

/** The consistency report of an office and year: the plan read model's lines and the stated-figure stream. */
export class ConsistencyReader {
  constructor(
    private readonly dataSource: SqlRunner,
    private readonly store: EventStore,
  ) {}

  async report(request: { year: number; office: string }): Promise<ConsistencyReport> {
    const [scope, statements] = await Promise.all([
      loadStateScope(this.dataSource, request.year, request.office, {}),
      readStatements(this.store, request.office, request.year),
    ]);
    return consistencyReport(scope, statements);
  }
}
