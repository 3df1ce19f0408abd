import { assertFiscalYear } from '../shared/dates';
import type { Decider } from '../shared/decider';
import { invalid, notFound } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { phaseFromAlias } from '../shared/readings';
import { requireText } from '../shared/legal-basis';
import { parseDecimalValue } from '../shared/money';
import { assertPeriodInYear, parsePeriod } from '../shared/period';
import { PHASES, type Phase } from '../plan-line/phases';
import { parsePlanCode } from '../plan-line/plan-code';

/**
 * A stated figure: a total or percentage exactly as a document states it (e.g. "Tabel 2.1: Program
 * Pemberdayaan UMKM, realisasi Rp 630.592.410"). The ledger never derives anything from it; it keeps it
 * so the consistency report can set it next to the figure computed from the recorded parts.
 * One stream per office and fiscal year.
 */
export const STATED_FIGURE_EVENT_TYPE = 'stated-figure.recorded' as const;
export const statedFigureStreamId = (officeCode: string, year: number) => `stated-${officeCode}-${year}`;

/** PAGU: a pagu total of a phase; REALISASI: cumulative realisation; SERAPAN: realisation ÷ pagu × 100; TARGET: an indicator's target. */
export const STATED_MEASURES = ['PAGU', 'REALISASI', 'SERAPAN', 'TARGET'] as const;
export type StatedMeasure = (typeof STATED_MEASURES)[number];

export interface StatedFigureData {
  year: number;
  officeCode: string;
  /** A program, kegiatan or sub kegiatan; null: the whole office. */
  code: string | null;
  /** What the document calls it (Uraian). */
  label: string;
  measure: StatedMeasure;
  phase: Phase | null;
  /** REALISASI / SERAPAN: up to this period ("2022-Q3", "2022-09"); null: the whole year. */
  period: string | null;
  /** TARGET: the indicator's name. */
  indicator: string | null;
  /** Decimal string: Rupiah for PAGU and REALISASI, percent for SERAPAN, the indicator's unit for TARGET. */
  value: string;
  /** Where the document states it, e.g. "Tabel 2.1" or "Bab II teks". */
  source: string;
  note: string | null;
}

export interface StatedFigureRecorded {
  id: string;
  type: typeof STATED_FIGURE_EVENT_TYPE;
  data: StatedFigureData;
}

export interface RecordStatedFigure {
  type: 'RecordStatedFigure';
  eventId: string;
  year: number;
  officeCode: string;
  code: unknown;
  label: unknown;
  measure: unknown;
  phase?: unknown;
  period?: unknown;
  indicator?: unknown;
  value: unknown;
  source: unknown;
  note?: unknown;
  /** Looked up by the caller: the office exists. */
  officeRegistered: boolean;
}

export interface StatedFiguresState {
  figures: StatedFigureData[];
}

const present = (value: unknown): boolean => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/** Two statements are the same when every field is: recording one again changes nothing. */
export const sameStatedFigure = (a: StatedFigureData, b: StatedFigureData): boolean =>
  a.code === b.code &&
  a.label === b.label &&
  a.measure === b.measure &&
  a.phase === b.phase &&
  a.period === b.period &&
  a.indicator === b.indicator &&
  a.source === b.source &&
  a.note === b.note &&
  parseDecimalValue(a.value, 'value').equals(parseDecimalValue(b.value, 'value'));

function parseStated(command: RecordStatedFigure): StatedFigureData {
  const year = assertFiscalYear(command.year);
  if (!command.officeRegistered)
    throw notFound('OFFICE_NOT_REGISTERED', msg('OFFICE_NOT_REGISTERED', { office: command.officeCode }), 'office');
  const code = present(command.code) ? parsePlanCode(command.code).code : null;
  const measure = typeof command.measure === 'string' ? command.measure.trim().toUpperCase() : command.measure;
  if (!(STATED_MEASURES as readonly unknown[]).includes(measure))
    throw invalid('measure', msg('MEASURE_UNKNOWN', { measures: STATED_MEASURES.join(', ') }), 'MEASURE_UNKNOWN');
  const phase = present(command.phase) ? phaseFromAlias(command.phase) : null;
  if (phase === undefined) throw invalid('phase', msg('PHASE_UNKNOWN', { phases: PHASES.join(', ') }), 'PHASE_UNKNOWN');
  if (measure === 'PAGU' && phase === null) throw invalid('phase', msg('PHASE_REQUIRED'), 'PHASE_REQUIRED');
  let period: string | null = null;
  if (present(command.period)) {
    const parsed = parsePeriod(command.period);
    assertPeriodInYear(parsed, year);
    period = parsed.key;
  }
  const indicator = present(command.indicator) ? requireText(command.indicator, 'indicator', 500) : null;
  if (measure === 'TARGET' && (indicator === null || code === null)) {
    throw invalid('indicator', msg('INDICATOR_REQUIRED.stated'), 'INDICATOR_REQUIRED');
  }
  const value = parseDecimalValue(command.value, 'value');
  return {
    year,
    officeCode: command.officeCode,
    code,
    label: requireText(command.label, 'label', 500),
    measure: measure as StatedMeasure,
    phase: phase,
    period,
    indicator,
    value: value.toString(),
    source: requireText(command.source, 'source', 200),
    note: present(command.note) ? requireText(command.note, 'note', 2000) : null,
  };
}

export const statedFigureDecider: Decider<RecordStatedFigure, StatedFigureRecorded, StatedFiguresState> = {
  initialState: () => ({ figures: [] }),
  /** Records the statement; one already recorded with the same content is not recorded twice. */
  decide(command, state) {
    const data = parseStated(command);
    if (state.figures.some((f) => sameStatedFigure(f, data))) return [];
    return [{ id: command.eventId, type: STATED_FIGURE_EVENT_TYPE, data }];
  },
  evolve: (state, event) => ({ figures: [...state.figures, event.data] }),
};
