import type Decimal from 'decimal.js';
import type { ChainPhase, IndicatorDefinedData, LegalBasis, PaguBreakdown, PlanLevel } from '@renja/domain';
import type { LineSteps, StepKind } from '../pagu-trail/pagu-steps';

// The shapes of a report line, shared by line-view.ts (which folds them), line-money.ts (which sums them) and
// report-lines.ts (which loads them): declared here so that none of those modules imports another's types in a loop.

/** One plan line as the reports read it: its place in the code tree and what they derive from it. */
export interface ReportLine {
  code: string;
  level: PlanLevel;
  parentCode: string | null;
  name: string;
  indicators: IndicatorDefinedData[];
  /** Pagu, steps, money and kinerja for the scope's point of view. */
  view: LineView;
}

/**
 * What the reports derive from one line for one point of view: its pagu per phase and source, the steps
 * that explain the pagu, its money per period and its kinerja. Each part is computed on first use.
 */
export interface LineView {
  readonly breakdown: PaguBreakdown;
  readonly steps: LineSteps;
  /** The steps in force that moved an amount (no phase starts): what explains a change between phases. */
  readonly movements: readonly PaguMovement[];
  readonly money: MoneyFigures;
  readonly kinerja: LineKinerja;
}

/** A pagu step in force that moved an amount, with what the reports that explain deltas list of it. */
export interface PaguMovement {
  kind: Exclude<StepKind, 'phase_start'>;
  phase: ChainPhase;
  fundingSource: string;
  eventId: string;
  eventType: string;
  delta: string;
  effectiveDate: string;
  legalBasis: LegalBasis | null;
  reason: string | null;
  recordedAt: string | null;
  /** The event this one replaced (a correction), if any. */
  corrects: string | null;
}

/**
 * The money of a line or of a line with everything under it: pagu and realisation per month and quarter.
 * A period in which nothing was recorded is missing (null), not zero.
 */
export interface MoneyFigures {
  currentPagu: Decimal;
  /** APBD murni; zero in a roll-up where no line has one (then `hasOriginal` is false). */
  originalPagu: Decimal;
  hasOriginal: boolean;
  /** Some line has a pagu in a phase of the chain; otherwise the pagu is missing, not zero. */
  hasPagu: boolean;
  realised: Decimal;
  months: Array<Decimal | null>;
  quarters: Array<Decimal | null>;
  /** Some line recorded by quarter: its months cannot be told apart, so monthly figures are incomplete. */
  hasQuarterlyLines: boolean;
}

/** Realisasi kinerja per indicator per quarter (null: nothing reported) and the targets in force. */
export interface LineKinerja {
  outputs: Map<string, Array<Decimal | null>>;
  targets: Map<string, Decimal>;
}
