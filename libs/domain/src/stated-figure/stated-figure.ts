import { assertFiscalYear } from '../shared/dates';
import type { Decider } from '../shared/decider';
import type Decimal from 'decimal.js';
import { notFound } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { parseDecimalValue } from '../shared/money';
import { assertPeriodInYear, type Period } from '../shared/period';
import type { Phase } from '../plan-line/phases';
import type { PlanCode } from '../plan-line/plan-code';

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
  /** Parsed at the edge (parseRecordStatedFigure): null, the whole office. */
  code: PlanCode | null;
  label: string;
  measure: StatedMeasure;
  /** Present for PAGU. */
  phase: Phase | null;
  period: Period | null;
  /** Present for TARGET (with a code). */
  indicator: string | null;
  value: Decimal;
  source: string;
  note: string | null;
  /** Looked up by the caller: the office exists. */
  officeRegistered: boolean;
}

export interface StatedFiguresState {
  figures: StatedFigureData[];
}

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

/** The command was parsed at the edge (parseRecordStatedFigure): what is left are the year, the office and the period's year. */
function statedData(command: RecordStatedFigure): StatedFigureData {
  const year = assertFiscalYear(command.year);
  if (!command.officeRegistered)
    throw notFound('OFFICE_NOT_REGISTERED', msg('OFFICE_NOT_REGISTERED', { office: command.officeCode }), 'office');
  if (command.period) assertPeriodInYear(command.period, year);
  const { code, label, measure, phase, period, indicator, value, source, note } = command;
  return {
    year,
    officeCode: command.officeCode,
    code: code?.code ?? null,
    label,
    measure,
    phase,
    period: period?.key ?? null,
    indicator,
    value: value.toString(),
    source,
    note,
  };
}

export const statedFigureDecider: Decider<RecordStatedFigure, StatedFigureRecorded, StatedFiguresState> = {
  initialState: () => ({ figures: [] }),
  /** Records the statement; one already recorded with the same content is not recorded twice. */
  decide(command, state) {
    const data = statedData(command);
    if (state.figures.some((f) => sameStatedFigure(f, data))) return [];
    return [{ id: command.eventId, type: STATED_FIGURE_EVENT_TYPE, data }];
  },
  evolve: (state, event) => ({ figures: [...state.figures, event.data] }),
};
