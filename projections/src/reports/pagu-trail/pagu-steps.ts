import type Decimal from 'decimal.js';
// Deep imports for values on the rebuild's hot path: the package index re-exports them through getters, which took
// 0.2 s of a 488,440-event rebuild's profile. Types still come from the index.
import { entriesAsOf } from '@renja/domain/plan-line/as-of';
import { LINE_EVENT_TYPES } from '@renja/domain/plan-line/events';
import { paguBreakdown } from '@renja/domain/plan-line/pagu';
import { PHASE_CHAIN } from '@renja/domain/plan-line/phases';
import { decimalOf } from '@renja/domain/shared/money';
import { senMoney, senOf, senText } from '@renja/domain/shared/sen';
import type { AsOf, ChainPhase, LegalBasis, LineEntry, PaguBreakdown, PlanLineState } from '@renja/domain';
import { fixed, zero } from '../shared/amounts';

type PaguEntry = Extract<LineEntry, { kind: 'pagu' | 'shift' }>;

/** How a step moved the line's pagu; `phase_start` carries the previous phase's amounts into a new phase. */
export type StepKind = 'phase_start' | 'pagu_set' | 'pagu_add' | 'shift_in' | 'shift_out';

/**
 * One step of "why is this pagu what it is?". Only steps `in_force` move the amount; a corrected step stays
 * visible (status reversed / replaced) with delta 0, next to the replacement that took its place.
 */
export interface PaguStep {
  step: number;
  kind: StepKind;
  phase: ChainPhase;
  /** For phase_start: the phase whose amounts the new phase starts from. */
  carriedFrom: ChainPhase | null;
  fundingSource: string | null;
  eventId: string | null;
  eventType: string | null;
  /** What the event itself says: the amount set, the delta added, or the amount shifted. */
  statedAmount: string | null;
  counterpartCode: string | null;
  sourceBefore: string | null;
  sourceAfter: string | null;
  amountBefore: string;
  amountAfter: string;
  delta: string;
  legalBasis: LegalBasis | null;
  reason: string | null;
  actor: string | null;
  effectiveDate: string | null;
  recordedAt: string | null;
  status: 'in_force' | 'reversed' | 'replaced';
  /** Set on a step that replaces an earlier event (a correction). */
  corrects: { eventId: string; kind: 'replacement' } | null;
  /** Set on a step that a later correction reversed or replaced. */
  correctedBy: { eventId: string; recordedAt: string | null; kind: 'reversal' | 'replacement' } | null;
}

export interface LineSteps {
  steps: PaguStep[];
  sumOfDeltas: Decimal;
  /** The current pagu computed by the domain (paguBreakdown), independently of the steps. */
  finalAmount: Decimal;
  currentPhase: ChainPhase | null;
}

const isPaguEntry = (e: LineEntry): e is PaguEntry => e.kind === 'pagu' || e.kind === 'shift';
const phaseOf = (e: PaguEntry): string => (e.kind === 'pagu' ? e.data.phase : (e.data.phase ?? 'PERGESERAN'));
const known = (recordedAt: string | null, knownAt?: string) => !knownAt || recordedAt === null || recordedAt <= knownAt;
/** ISO dates and timestamps order as plain text; no locale-aware comparison needed (or wanted: it is slow). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const order = (a: PaguEntry, b: PaguEntry) =>
  byText(a.effectiveDate, b.effectiveDate) || a.sequence - b.sequence || byText(a.recordedAt ?? '', b.recordedAt ?? '');

/** Entries an observer at `asOf` can see: in force, or corrected by a correction already known. */
function visibleEntries(state: PlanLineState, asOf: AsOf): PaguEntry[] {
  return state.entries
    .filter(isPaguEntry)
    .filter((e) => known(e.recordedAt, asOf.knownAt) && (!asOf.validAt || e.effectiveDate <= asOf.validAt))
    .sort(order);
}

function kindOf(entry: PaguEntry): StepKind {
  if (entry.kind === 'pagu') return entry.data.operation === 'set' ? 'pagu_set' : 'pagu_add';
  return entry.data.direction === 'in' ? 'shift_in' : 'shift_out';
}

/**
 * The ordered steps from the first plan amount to the current pagu. Phases follow the chain (RKPD … APBD_P);
 * each phase starts from the amounts of the latest earlier phase present, shown as a phase_start step with
 * delta 0, so the deltas add up exactly to the current pagu.
 */
export function paguSteps(state: PlanLineState, asOf: AsOf = {}, breakdown: PaguBreakdown = paguBreakdown(state, asOf)): LineSteps {
  const visible = visibleEntries(state, asOf);
  const steps: PaguStep[] = [];
  const sen = visible.map((e) => senOf(e.data.amount));
  // Exact integer sen when every amount has at most two decimals and none is a negative zero (shared/sen.ts):
  // the same texts as decimal.js writes; decimal.js for anything else.
  const sums: Arithmetic<bigint> | Arithmetic<Decimal> = sen.every((a) => a !== null) ? senSums(visible, sen) : decimalSums;
  const total = walk(state, asOf, visible, steps, sums as Arithmetic<unknown>);
  // In sen the deltas' texts are exact and add up to the total; decimal.js sums the texts, as they may be rounded.
  const sumOfDeltas = sums === decimalSums ? steps.reduce((sum, s) => sum.plus(decimalOf(s.delta)), zero()) : senMoney(total as bigint);
  return { steps, sumOfDeltas, finalAmount: breakdown.currentPagu, currentPhase: breakdown.currentPhase as ChainPhase | null };
}

/** The amounts' arithmetic of the steps: decimal.js or integer sen, each writing `toFixed(2)`'s text. */
interface Arithmetic<T> {
  zero: T;
  amount(entry: PaguEntry): T;
  plus(a: T, b: T): T;
  minus(a: T, b: T): T;
  text(a: T): string;
}

const decimalSums: Arithmetic<Decimal> = {
  zero: zero(),
  amount: (entry) => decimalOf(entry.data.amount),
  plus: (a, b) => a.plus(b),
  minus: (a, b) => a.minus(b),
  text: fixed,
};

function senSums(visible: PaguEntry[], sen: bigint[]): Arithmetic<bigint> {
  const senByEntry = new Map<PaguEntry, bigint>(visible.map((e, i) => [e, sen[i]]));
  return {
    zero: 0n,
    amount: (entry) => senByEntry.get(entry)!,
    plus: (a, b) => a + b,
    minus: (a, b) => a - b,
    text: senText,
  };
}

/** The source amount after the entry, from the amount before it (the domain's own arithmetic, step by step). */
function sourceAfter<T>(entry: PaguEntry, before: T, sums: Arithmetic<T>): T {
  const amount = sums.amount(entry);
  if (entry.kind === 'pagu') return entry.data.operation === 'set' ? amount : sums.plus(before, amount);
  return entry.data.direction === 'out' ? sums.minus(before, amount) : sums.plus(before, amount);
}

/** Pushes the steps of `visible` and gives the total after the last one. */
function walk<T>(state: PlanLineState, asOf: AsOf, visible: PaguEntry[], steps: PaguStep[], sums: Arithmetic<T>): T {
  const inForce = new Set<LineEntry>(entriesAsOf(state, asOf));
  // A correction that carries new content is a replacement (even if the replacement takes effect later); without one, a reversal.
  const replacedIds = new Set(state.entries.filter((e) => e.corrects && known(e.recordedAt, asOf.knownAt)).map((e) => e.corrects));
  const amounts = new Map<string, T>();
  let total = sums.zero;
  let previousPhase: ChainPhase | null = null;
  for (const phase of PHASE_CHAIN) {
    const entries = visible.filter((e) => phaseOf(e) === phase);
    const present = entries.some((e) => inForce.has(e));
    if (present && previousPhase) {
      steps.push(phaseStart(steps.length + 1, phase, previousPhase, sums.text(total)));
    }
    for (const entry of entries) {
      const source = entry.data.fundingSource;
      const before = amounts.get(source) ?? sums.zero;
      const counted = inForce.has(entry);
      const after = counted ? sourceAfter(entry, before, sums) : before;
      const delta = sums.minus(after, before);
      if (counted) amounts.set(source, after);
      const totalAfter = sums.plus(total, delta);
      // Every field in the order of the API's JSON (a literal: reports build thousands of steps).
      steps.push({
        step: steps.length + 1,
        phase,
        carriedFrom: null,
        fundingSource: source,
        eventId: entry.eventId,
        eventType: entry.corrects
          ? LINE_EVENT_TYPES.corrected
          : entry.kind === 'pagu'
            ? LINE_EVENT_TYPES.paguChanged
            : LINE_EVENT_TYPES.paguShifted,
        statedAmount: entry.data.amount,
        counterpartCode: entry.kind === 'shift' ? entry.data.counterpartCode : null,
        sourceBefore: sums.text(before),
        sourceAfter: sums.text(after),
        amountBefore: sums.text(total),
        amountAfter: sums.text(totalAfter),
        delta: sums.text(delta),
        legalBasis: entry.legalBasis,
        reason: entry.reason,
        actor: entry.actor,
        effectiveDate: entry.effectiveDate,
        recordedAt: entry.recordedAt,
        status: counted ? 'in_force' : replacedIds.has(entry.eventId) ? 'replaced' : 'reversed',
        corrects: entry.corrects ? { eventId: entry.corrects, kind: 'replacement' } : null,
        correctedBy:
          counted || !entry.supersededBy
            ? null
            : { ...entry.supersededBy, kind: replacedIds.has(entry.eventId) ? 'replacement' : 'reversal' },
        kind: kindOf(entry),
      });
      total = totalAfter;
    }
    if (present) previousPhase = phase;
  }
  return total;
}

/** A phase_start step: the new phase starts from the amounts of `carriedFrom` (delta 0). Fields in the API's order. */
function phaseStart(step: number, phase: ChainPhase, carriedFrom: ChainPhase, amount: string): PaguStep {
  return {
    step,
    phase,
    carriedFrom,
    fundingSource: null,
    eventId: null,
    eventType: null,
    statedAmount: null,
    counterpartCode: null,
    sourceBefore: null,
    sourceAfter: null,
    amountBefore: amount,
    amountAfter: amount,
    delta: '0.00',
    legalBasis: null,
    reason: null,
    actor: null,
    effectiveDate: null,
    recordedAt: null,
    status: 'in_force',
    corrects: null,
    correctedBy: null,
    kind: 'phase_start',
  };
}
