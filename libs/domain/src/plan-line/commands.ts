import type Decimal from 'decimal.js';
import type { LegalBasis } from '../shared/legal-basis';
import type { Money } from '../shared/money';
import type { IsoDate } from '../shared/parse-date';
import type { Period } from '../shared/period';
import type { IndicatorDirection } from './events';
import type { FundingSource, Phase } from './phases';
import type { PlanCode } from './plan-code';

/**
 * Commands on a plan line, every field parsed at the edge by the domain's parsers (parse-budget.ts,
 * parse-target.ts, parse-changes.ts: strict for the API, lenient for the import and the browser); the decider
 * checks only what needs the line's state. The one field left as sent is a correction's `replacement`, read over
 * the corrected entry by that kind's parser inside decide. `eventId` is the id the produced event will carry:
 * ids are chosen outside the domain.
 */
export interface RegisterLine {
  type: 'RegisterLine';
  eventId: string;
  year: number;
  officeCode: string;
  /** Parsed at the edge (parseRegisterLine, parse-target.ts). */
  code: PlanCode;
  name: string;
  /** Facts looked up by the handler: the office and (for kegiatan / sub kegiatan) the parent line exist. */
  officeRegistered: boolean;
  parentRegistered: boolean;
}

export interface DefineIndicator {
  type: 'DefineIndicator';
  eventId: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
}

/** Parsed at the edge (parseReviseTarget); the indicator and the date's year are decided against the line. */
export interface ReviseTarget {
  type: 'ReviseTarget';
  eventId: string;
  /** Indicator id ("IK-1") or its exact name. */
  indicator: string;
  value: Decimal;
  reason: string;
  effectiveDate: IsoDate;
  legalBasis: LegalBasis | null;
}

export interface ChangePagu {
  type: 'ChangePagu';
  eventId: string;
  phase: Phase;
  fundingSource: FundingSource;
  /** set: the source's amount in the phase (sent as amount); add: a signed, non-zero change (sent as delta). */
  operation: 'set' | 'add';
  amount: Money;
  reason: string | null;
  legalBasis: LegalBasis | null;
  effectiveDate: IsoDate;
}

/** An output as sent: the indicator by id ("IK-1") or exact name (the decider resolves it), its value a decimal string. */
export interface OutputInput {
  indicator: string;
  value: string;
}

export interface RecordRealisation {
  type: 'RecordRealisation';
  eventId: string;
  period: Period;
  amount: Money | null;
  outputs: OutputInput[];
  /** Null: the last day of the period. */
  effectiveDate: IsoDate | null;
  reason: string | null;
  legalBasis: LegalBasis | null;
}

export interface CorrectEvent {
  type: 'CorrectEvent';
  eventId: string;
  correctedEventId: string;
  /** Parsed at the edge (parseCorrectEvent); required, and the legal basis for budget entries, by the decider. */
  reason: string | null;
  legalBasis: LegalBasis | null;
  /**
   * Fields to replace (same names as the original command's); empty or absent: a reversal. Still as sent:
   * they are read over the corrected entry's own fields, by that kind's parser, when the entry is known.
   */
  replacement?: Record<string, unknown>;
}

/** Records Renstra figures (end-of-period target, realisation up to last year) in K and/or Rp. */
export interface RecordRenstra {
  type: 'RecordRenstra';
  eventId: string;
  /** Indicator id ("IK-1") or exact name; present with a K figure (parseRecordRenstra). */
  indicator: string | null;
  /** At least one figure is present; Rp figures are amounts, K figures decimals. */
  targetK: Decimal | null;
  targetRp: Decimal | null;
  realisedToLastYearK: Decimal | null;
  realisedToLastYearRp: Decimal | null;
  /** Null: the first day of the fiscal year. */
  effectiveDate: IsoDate | null;
  reason: string | null;
  legalBasis: LegalBasis | null;
}

export type LineCommand = RegisterLine | DefineIndicator | ReviseTarget | ChangePagu | RecordRealisation | CorrectEvent | RecordRenstra;

/** A budget shift (pergeseran): takes an amount of one funding source from one line and gives it to another. */
export interface ShiftBudget {
  type: 'ShiftBudget';
  shiftId: string;
  outEventId: string;
  inEventId: string;
  amount: Money;
  fundingSource: FundingSource;
  reason: string | null;
  legalBasis: LegalBasis | null;
  effectiveDate: IsoDate;
}
