import type Decimal from 'decimal.js';
import { decimalOf, Money, sum } from '../shared/money';
import { senMoney, senOf } from '../shared/sen';
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

/** Pagu per phase and funding source in exact integer sen (see `paguSen`). */
export interface PaguSen {
  phases: Map<Phase, Map<string, bigint>>;
  currentPhase: Phase | null;
  currentPagu: bigint;
  executablePhase: Phase | null;
  executablePagu: bigint;
  originalPagu: bigint | null;
}

/** The entries of each phase, in the order given. */
function entriesByPhase(inForce: Iterable<LineEntry>): Map<Phase, LineEntry[]> {
  const byPhase = new Map<Phase, LineEntry[]>();
  for (const entry of inForce) {
    const phase = phaseOf(entry);
    if (!phase) continue;
    const list = byPhase.get(phase);
    if (list) list.push(entry);
    else byPhase.set(phase, [entry]);
  }
  return byPhase;
}

/** Applies one entry in sen; false when its amount is no sen amount (the breakdown then needs decimal.js). */
function applySen(amounts: Map<string, bigint>, entry: LineEntry): boolean {
  if (entry.kind !== 'pagu' && entry.kind !== 'shift') return true;
  const amount = senOf(entry.data.amount);
  if (amount === null) return false;
  const before = amounts.get(entry.data.fundingSource) ?? 0n;
  if (entry.kind === 'pagu') amounts.set(entry.data.fundingSource, entry.data.operation === 'set' ? amount : before + amount);
  else amounts.set(entry.data.fundingSource, entry.data.direction === 'out' ? before - amount : before + amount);
  return true;
}

const totalSen = (amounts: Map<string, bigint> | undefined): bigint => {
  let total = 0n;
  if (amounts) for (const amount of amounts.values()) total += amount;
  return total;
};

/**
 * `breakdownOf` in exact integer sen: the same phases, sources (in the same order) and totals, or null
 * when an amount has more than two decimals or is a negative zero (decimal.js then decides). Every amount
 * the parsers accept is a sen amount, so folds add BigInts here instead of decimal.js values.
 */
export function paguSen(inForce: Iterable<LineEntry>): PaguSen | null {
  return senOfPhases(entriesByPhase(inForce));
}

function senOfPhases(byPhase: Map<Phase, LineEntry[]>): PaguSen | null {
  const phases = new Map<Phase, Map<string, bigint>>();
  let previous: Map<string, bigint> | null = null;
  for (const phase of PHASE_CHAIN) {
    const entries = byPhase.get(phase);
    if (!entries) continue;
    const amounts: Map<string, bigint> = new Map(previous ?? []);
    for (const e of entries) if (!applySen(amounts, e)) return null;
    phases.set(phase, amounts);
    previous = amounts;
  }
  const forward = byPhase.get('PRAKIRAAN_MAJU');
  if (forward) {
    const amounts = new Map<string, bigint>();
    for (const e of forward) if (!applySen(amounts, e)) return null;
    phases.set('PRAKIRAAN_MAJU', amounts);
  }
  return summarised(phases, totalSen);
}

/**
 * The phases' amounts with the current phase (the last of the chain present), the executable one (the last
 * present that may be spent), the original budget's, and their totals (`total`: in sen or in decimal.js).
 */
function summarised<Amounts, Total>(phases: Map<Phase, Amounts>, total: (amounts: Amounts | undefined) => Total) {
  let currentPhase: Phase | null = null;
  let executablePhase: Phase | null = null;
  for (const p of PHASE_CHAIN) {
    if (!phases.has(p)) continue;
    currentPhase = p;
    if (EXECUTABLE_PHASES.includes(p)) executablePhase = p;
  }
  return {
    phases,
    currentPhase,
    currentPagu: total(currentPhase ? phases.get(currentPhase) : undefined),
    executablePhase,
    executablePagu: total(executablePhase ? phases.get(executablePhase) : undefined),
    originalPagu: phases.has(ORIGINAL_BUDGET_PHASE) ? total(phases.get(ORIGINAL_BUDGET_PHASE)) : null,
  };
}

/** The breakdown of entries already in force and in effective order (as `entriesAsOf` gives them). */
export function breakdownOf(inForce: Iterable<LineEntry>): PaguBreakdown {
  const byPhase = entriesByPhase(inForce);
  // Exact integer sen where every amount allows (the same values as decimal.js's sums), else decimal.js.
  const sen = senOfPhases(byPhase);
  if (sen) {
    const phases = new Map<Phase, SourceAmounts>();
    for (const [phase, amounts] of sen.phases) {
      const decimals: SourceAmounts = new Map();
      for (const [source, amount] of amounts) decimals.set(source, senMoney(amount));
      phases.set(phase, decimals);
    }
    return {
      phases,
      currentPhase: sen.currentPhase,
      currentPagu: senMoney(sen.currentPagu),
      executablePhase: sen.executablePhase,
      executablePagu: senMoney(sen.executablePagu),
      originalPagu: sen.originalPagu === null ? null : senMoney(sen.originalPagu),
    };
  }
  return decimalBreakdown(byPhase);
}

/** `breakdownOf` in decimal.js whatever the amounts (what the sen path must equal; specs compare them). */
export const decimalBreakdownOf = (inForce: Iterable<LineEntry>): PaguBreakdown => decimalBreakdown(entriesByPhase(inForce));

function decimalBreakdown(byPhase: Map<Phase, LineEntry[]>): PaguBreakdown {
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
  return summarised(phases, totalOf);
}

/** Amount of one phase and source, or zero. */
export const phaseSourceAmount = (b: PaguBreakdown, phase: Phase, source: string): Decimal =>
  b.phases.get(phase)?.get(source) ?? new Money(0);
