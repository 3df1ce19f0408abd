import type { Phase } from '../plan-line/phases';
import { initialLineState, type LineEntry, type PlanLineState } from '../plan-line/state';
import { seededRandom as random } from './seeded-random';

const PHASES: Phase[] = ['RENJA', 'APBD', 'PERGESERAN', 'APBD_P', 'PRAKIRAAN_MAJU'];

/**
 * A generated line history (entries as evolve leaves them): pagu set/add in every phase (some negative), shifts,
 * realisations (some without an amount), targets, a tenth of the entries superseded by a correction.
 */
export function generatedHistory(seed: number): PlanLineState {
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
      entries.push({
        ...base,
        kind: 'pagu',
        data: {
          phase: pick(PHASES),
          fundingSource: pick(['DAU', 'DAK', 'DID']),
          operation: next() < 0.6 ? 'set' : 'add',
          amount: next() < 0.2 ? `-${amount()}` : amount(),
        },
      });
    } else if (kind < 0.45) {
      entries.push({
        ...base,
        kind: 'shift',
        data: {
          shiftId: `s-${sequence}`,
          direction: next() < 0.5 ? 'out' : 'in',
          counterpartCode: '2.17.07.1.01.0002',
          fundingSource: pick(['DAU', 'DAK']),
          amount: amount(),
        },
      } as unknown as LineEntry);
    } else if (kind < 0.9) {
      entries.push({
        ...base,
        kind: 'realisation',
        data: {
          period: `2022-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`,
          amount: next() < 0.1 ? null : amount(),
          outputs: [],
        },
      } as unknown as LineEntry);
    } else {
      entries.push({ ...base, kind: 'target', data: { indicatorId: 'IK-1', value: '12' } } as unknown as LineEntry);
    }
  }
  return { ...initialLineState(), line: { code: '2.17.07.1.01.0001' } as PlanLineState['line'], entries };
}
