import { formatRupiah } from '../shared/money';
import { findViolation } from './invariants';
import { paguBreakdown } from './pagu';
import type { Phase } from './phases';
import { cumulativeRealisationAt } from './realisation';
import { initialLineState, type LineEntry, type PlanLineState } from './state';

/**
 * The invariants as first written: every date recomputed from scratch with the public figures. The
 * one-sweep `findViolation` must find exactly the same violation (rule, date, figures) on any history.
 */
function referenceViolation(state: PlanLineState): { rule: string; message: string } | null {
  const code = state.line?.code ?? '?';
  const dates = [...new Set(state.entries.filter((e) => !e.supersededBy).map((e) => e.effectiveDate))].sort();
  for (const date of dates) {
    const breakdown = paguBreakdown(state, { validAt: date });
    for (const [phase, sources] of breakdown.phases) {
      for (const [source, amount] of sources) {
        if (amount.isNegative()) {
          return { rule: 'PAGU_NEGATIVE', message: `pagu of line ${code} in phase ${phase} for funding source ${source} would be ${formatRupiah(amount)} on ${date}; pagu can never be negative` };
        }
      }
    }
    const realised = cumulativeRealisationAt(state, date);
    if (realised.greaterThan(breakdown.executablePagu)) {
      const ceiling = breakdown.executablePhase
        ? `the ${breakdown.executablePhase} pagu in effect then, ${formatRupiah(breakdown.executablePagu)}`
        : 'any executable pagu (no APBD, PERGESERAN or APBD_P amount was in effect then)';
      return { rule: 'REALISATION_EXCEEDS_PAGU', message: `cumulative realisation of line ${code} would be ${formatRupiah(realised)} on ${date}, above ${ceiling}` };
    }
  }
  return null;
}

/** A small deterministic generator (mulberry32), so a failure names a history that can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHASES: Phase[] = ['RENJA', 'APBD', 'PERGESERAN', 'APBD_P', 'PRAKIRAAN_MAJU'];

function history(seed: number): PlanLineState {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const amount = () => `${Math.floor(next() * 400) * 250000}.${String(Math.floor(next() * 100)).padStart(2, '0')}`;
  const entries: LineEntry[] = [];
  const count = 1 + Math.floor(next() * 24);
  for (let sequence = 1; sequence <= count; sequence++) {
    const base = {
      eventId: `e-${seed}-${sequence}`,
      effectiveDate: `2022-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      legalBasis: null,
      reason: null,
      recordedAt: null,
      actor: null,
      sequence,
      corrects: null,
      supersededBy: next() < 0.1 ? { eventId: `c-${seed}-${sequence}`, recordedAt: null } : null,
    };
    const kind = next();
    if (kind < 0.35) {
      entries.push({ ...base, kind: 'pagu', data: { phase: pick(PHASES), fundingSource: pick(['DAU', 'DAK', 'DID']), operation: next() < 0.6 ? 'set' : 'add', amount: next() < 0.2 ? `-${amount()}` : amount() } } as LineEntry);
    } else if (kind < 0.45) {
      entries.push({ ...base, kind: 'shift', data: { shiftId: `s-${sequence}`, direction: next() < 0.5 ? 'out' : 'in', counterpartCode: '2.17.07.1.01.0002', fundingSource: pick(['DAU', 'DAK']), amount: amount() } } as unknown as LineEntry);
    } else if (kind < 0.9) {
      entries.push({ ...base, kind: 'realisation', data: { period: `2022-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`, amount: next() < 0.1 ? null : amount(), outputs: [] } } as unknown as LineEntry);
    } else {
      entries.push({ ...base, kind: 'target', data: { indicatorId: 'IK-1', value: '12' } } as unknown as LineEntry);
    }
  }
  return { ...initialLineState(), line: { code: '2.17.07.1.01.0001' } as PlanLineState['line'], entries };
}

describe('line invariants: one sweep over the history', () => {
  it('finds the same violation as recomputing every date from scratch, on 3,000 generated histories', () => {
    const outcomes = { none: 0, PAGU_NEGATIVE: 0, REALISATION_EXCEEDS_PAGU: 0 };
    for (let seed = 1; seed <= 3000; seed++) {
      const state = history(seed);
      const expected = referenceViolation(state);
      const found = findViolation(state);
      expect({ seed, violation: found && { rule: found.rule, message: found.message } }).toEqual({ seed, violation: expected });
      outcomes[(expected?.rule ?? 'none') as keyof typeof outcomes]++;
    }
    // The generator reaches every outcome often enough for the comparison to mean something.
    expect(Math.min(...Object.values(outcomes))).toBeGreaterThan(100);
  });

  it('accepts an empty line', () => {
    expect(findViolation(initialLineState())).toBeNull();
  });
});
