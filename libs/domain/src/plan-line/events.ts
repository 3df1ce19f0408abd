import type { LegalBasis } from '../shared/legal-basis';
import type { PlanLevel } from './plan-code';
import type { Phase } from './phases';

/**
 * Events of one plan line's stream. Type strings are stable and versioned by `schemaVersion`
 * (all 1 today); amounts are decimal strings.
 */
export const LINE_EVENT_TYPES = {
  registered: 'plan-line.registered',
  indicatorDefined: 'indicator.defined',
  targetRevised: 'target.revised',
  paguChanged: 'pagu.changed',
  paguShifted: 'pagu.shifted',
  realisationRecorded: 'realisation.recorded',
  corrected: 'event.corrected',
  renstraRecorded: 'renstra.recorded',
} as const;

export interface LineRegisteredData {
  year: number;
  officeCode: string;
  code: string;
  level: PlanLevel;
  parentCode: string | null;
  name: string;
}

/** How an indicator's achievement is read: more is better, or less is better. */
export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export interface IndicatorDefinedData {
  indicatorId: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
}

export interface TargetRevisedData {
  indicatorId: string;
  value: string;
}

export interface PaguChangedData {
  phase: Phase;
  fundingSource: string;
  /** set: the source's amount in this phase becomes `amount`; add: `amount` is a signed delta. */
  operation: 'set' | 'add';
  amount: string;
}

/** One leg of a budget shift (pergeseran) between two lines; both legs commit together. */
export interface PaguShiftedData {
  shiftId: string;
  /**
   * The phase the shift changes: PERGESERAN, or APBD_P for a shift made after the revised budget took
   * effect (otherwise APBD_P, which sets amounts, would silently undo it). Absent in old events: PERGESERAN.
   */
  phase?: 'PERGESERAN' | 'APBD_P';
  direction: 'out' | 'in';
  counterpartCode: string;
  fundingSource: string;
  amount: string;
}

export interface OutputValue {
  indicatorId: string;
  value: string;
}

export interface RealisationRecordedData {
  period: string;
  /** Rupiah spent in the period (realisasi keuangan); null when only outputs are reported. */
  amount: string | null;
  /** Output achieved in the period per indicator (realisasi kinerja). */
  outputs: OutputValue[];
}

/**
 * Renstra figures of a line (the evaluation form's end-of-period target and the realisation up to last
 * year), each in kinerja (K, the indicator's unit) and Rupiah. A null field is not stated by this event:
 * the figure recorded earlier stays. K figures belong to an indicator; Rupiah figures to the line.
 */
export interface RenstraRecordedData {
  indicatorId: string | null;
  targetK: string | null;
  targetRp: string | null;
  realisedToLastYearK: string | null;
  realisedToLastYearRp: string | null;
}

export type CorrectableData = TargetRevisedData | PaguChangedData | PaguShiftedData | RealisationRecordedData;

export interface CorrectedData {
  correctedEventId: string;
  correctedType: string;
  /** null: the corrected event is reversed; otherwise its content is replaced by this. */
  replacement: null | { data: CorrectableData; effectiveDate: string };
}

interface EventBase<T extends string, D> {
  /** Event id (from command metadata; the domain never invents ids). */
  id: string;
  type: T;
  data: D;
  /** Valid time. */
  effectiveDate: string;
  legalBasis: LegalBasis | null;
  reason: string | null;
  /** System time, known once the store has recorded the event. */
  recordedAt?: string;
  position?: number;
  actor?: string;
}

export type LineRegistered = EventBase<typeof LINE_EVENT_TYPES.registered, LineRegisteredData>;
export type IndicatorDefined = EventBase<typeof LINE_EVENT_TYPES.indicatorDefined, IndicatorDefinedData>;
export type TargetRevised = EventBase<typeof LINE_EVENT_TYPES.targetRevised, TargetRevisedData>;
export type PaguChanged = EventBase<typeof LINE_EVENT_TYPES.paguChanged, PaguChangedData>;
export type PaguShifted = EventBase<typeof LINE_EVENT_TYPES.paguShifted, PaguShiftedData>;
export type RealisationRecorded = EventBase<typeof LINE_EVENT_TYPES.realisationRecorded, RealisationRecordedData>;
export type EventCorrected = EventBase<typeof LINE_EVENT_TYPES.corrected, CorrectedData>;
export type RenstraRecorded = EventBase<typeof LINE_EVENT_TYPES.renstraRecorded, RenstraRecordedData>;

export type LineEvent =
  LineRegistered | IndicatorDefined | TargetRevised | PaguChanged | PaguShifted | RealisationRecorded | EventCorrected | RenstraRecorded;

export const LINE_EVENT_SCHEMA_VERSION = 1;

const LINE_TYPES: ReadonlySet<string> = new Set(Object.values(LINE_EVENT_TYPES));

export const isLineEventType = (type: string): type is LineEvent['type'] => LINE_TYPES.has(type);
