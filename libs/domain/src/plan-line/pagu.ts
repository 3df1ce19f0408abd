import type Decimal from 'decimal.js';
import { decimalOf, Money, sum } from '../shared/money';
import { entriesAsOf, type AsOf } from './as-of';
import { EXECUTABLE_PHASES, ORIGINAL_BUDGET_PHASE, PHASE_CHAIN, type Phase } from './phases';
import type { LineEntry, PlanLineState } from './state';

export type SourceAmounts = Map<string, Decimal>;

export interface PaguBreakdown {
  /** Amount per funding source for each phase that has one, in phase order. */
  phases: Map<Phase, SourceAmounts>;
  /** The latest phase of the chain in effect (RKPD … APBD_P), or null before any amount. */
  currentPhase: Phase | null;
  currentPagu: Decimal;
  /** The latest executable phase (APBD, PERGESERAN, APBD_P): the ceiling for spending. */
  executablePhase: Phase | null;
  executablePagu: Decimal;
  /** APBD murni / induk, or null when no APBD amount has been recorded. */
  originalPagu: Decimal | null;
}

const phaseOf = (entry: LineEntry): Phase | null =>
  entry.kind === 'pagu' ? entry.data.phase : entry.kind === 'shift' ? (entry.data.phase ?? 'PERGESERAN') : null;

function apply(amounts: SourceAmounts, entry: LineEntry): void {
  if (entry.kind === 'pagu') {
    const { fundingSource, operation, amount } = entry.data;
    const before = amounts.get(fundingSource) ?? new Money(0);
    amounts.set(fundingSource, operation === 'set' ? decimalOf(amount) : before.plus(decimalOf(amount)));
  } else if (entry.kind === 'shift') {
    const { fundingSource, direction, amount } = entry.data;
    const before = amounts.get(fundingSource) ?? new Money(0);
    amounts.set(fundingSource, direction === 'out' ? before.minus(decimalOf(amount)) : before.plus(decimalOf(amount)));
  }
}

export const totalOf = (amounts: SourceAmounts | undefined): Decimal => sum(amounts ? amounts.values() : []);

/**
 * Pagu per phase and funding source as of a point of view. Each phase of the chain starts from the
 * amounts of the latest earlier phase present, then applies its own set/add changes in effective order.
 */
export function paguBreakdown(state: PlanLineState, asOf: AsOf = {}): PaguBreakdown {
  return breakdownOf(entriesAsOf(state, asOf));
}

/** True for the entries a breakdown reads (pagu changes and shift legs); the rest it ignores. */
export const changesPagu = (entry: LineEntry): boolean => phaseOf(entry) !== null;

/** The breakdown of entries already in force and in effective order (as `entriesAsOf` gives them). */
export function breakdownOf(inForce: Iterable<LineEntry>): PaguBreakdown {
  const byPhase = new Map<Phase, LineEntry[]>();
  for (const entry of inForce) {
    const phase = phaseOf(entry);
    if (!phase) continue;
    const list = byPhase.get(phase);
    if (list) list.push(entry);
    else byPhase.set(phase, [entry]);
  }
  const phases = new Map<Phase, SourceAmounts>();
  let previous: SourceAmounts | null = null;
  for (const phase of PHASE_CHAIN) {
    const entries = byPhase.get(phase);
    if (!entries) continue;
    const amounts: SourceAmounts = new Map(previous ?? []);
    entries.forEach((e) => apply(amounts, e));
    phases.set(phase, amounts);
    previous = amounts;
  }
  const forward = byPhase.get('PRAKIRAAN_MAJU');
  if (forward) {
    const amounts: SourceAmounts = new Map();
    forward.forEach((e) => apply(amounts, e));
    phases.set('PRAKIRAAN_MAJU', amounts);
  }
  const chainPresent = PHASE_CHAIN.filter((p) => phases.has(p));
  const currentPhase = chainPresent.at(-1) ?? null;
  const executablePhase = chainPresent.filter((p) => EXECUTABLE_PHASES.includes(p)).at(-1) ?? null;
  return {
    phases,
    currentPhase,
    currentPagu: totalOf(currentPhase ? phases.get(currentPhase) : undefined),
    executablePhase,
    executablePagu: totalOf(executablePhase ? phases.get(executablePhase) : undefined),
    originalPagu: phases.has(ORIGINAL_BUDGET_PHASE) ? totalOf(phases.get(ORIGINAL_BUDGET_PHASE)) : null,
  };
}

/** Amount of one phase and source, or zero. */
export const phaseSourceAmount = (b: PaguBreakdown, phase: Phase, source: string): Decimal =>
  b.phases.get(phase)?.get(source) ?? new Money(0);
