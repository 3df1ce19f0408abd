import type Decimal from 'decimal.js';
import { EXECUTABLE_PHASES, PHASE_CHAIN, type ChainPhase, type PaguBreakdown } from '@renja/domain';

export interface PhaseAmounts {
  bySource: Map<string, Decimal>;
  /** The phase the amounts were recorded in: an earlier executable phase when carried forward. */
  recordedIn: ChainPhase;
}

const chainIndex = (p: string) => PHASE_CHAIN.indexOf(p as ChainPhase);

/**
 * A line's amounts in a phase. A revised executable budget (PERGESERAN, APBD_P) revises the whole DPA, so a
 * line it did not touch keeps its amount from the latest earlier executable phase. Planning phases (RKPD,
 * RENJA, KUA_PPAS) are documents of their own: a line without amounts there is absent from that phase.
 */
export function amountsInPhase(breakdown: PaguBreakdown, phase: ChainPhase): PhaseAmounts | null {
  const own = breakdown.phases.get(phase);
  if (own) return { bySource: own, recordedIn: phase };
  if (!EXECUTABLE_PHASES.includes(phase)) return null;
  const earlier = EXECUTABLE_PHASES.filter((p) => chainIndex(p) < chainIndex(phase) && breakdown.phases.has(p)).at(-1);
  return earlier ? { bySource: breakdown.phases.get(earlier)!, recordedIn: earlier as ChainPhase } : null;
}

/** True when `phase` comes after `after` and not after `upTo` in the chain. */
export const phaseBetween = (phase: string, after: ChainPhase | null, upTo: ChainPhase): boolean =>
  chainIndex(phase) <= chainIndex(upTo) && (after === null || chainIndex(phase) > chainIndex(after));

export { chainIndex };
