import { describeChange, familiesChangedBy, FigureTracker, type LineCommand, type LineEvent } from '@renja/domain';
import { generatedHistory } from '@renja/domain/testing/generated-histories';
import { changePagu, correct, defineIndicator, history, realise, registered, stateOf } from '@renja/domain/testing/plan-line-fixtures';
import { RebuildFigureTracker, realisationFigures } from './rebuild-figures';
import { familyFigures, realisationSummary } from '@renja/domain';
import { seededRandom as random } from '@renja/domain/testing/seeded-random';

/**
 * A line's stream from random commands that the decider accepts: pagu in several phases and sources,
 * realisations by month or by quarter (with and without an amount, negative and zero amounts, one or two
 * outputs, the same indicator twice), corrections that replace or withdraw a realisation or a pagu change.
 */
function generatedStream(seed: number): LineEvent[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const amount = () => `${pick(['', '-', ''])}${Math.floor(next() * 400) * 250000}.${String(Math.floor(next() * 100)).padStart(2, '0')}`;
  const monthly = next() < 0.6;
  let events = history([registered()], defineIndicator('ind-1', 'Jumlah UMKM'), defineIndicator('ind-2', 'Jumlah pelatihan'));
  const ids: string[] = [];
  for (let i = 1; i <= 30; i++) {
    const id = `e-${seed}-${i}`;
    const kind = next();
    try {
      let command: LineCommand;
      if (kind < 0.2)
        command = changePagu(id, {
          phase: pick(['APBD', 'APBD_P']),
          fundingSource: pick(['DAU', 'DAK']),
          amount: amount().replace('-', ''),
        });
      else if (kind < 0.85) {
        const period = monthly ? `2022-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}` : `2022-Q${1 + Math.floor(next() * 4)}`;
        const outputs = [{ indicator: pick(['IK-1', 'IK-2']), value: String(Math.floor(next() * 5)) }];
        if (next() < 0.3) outputs.push({ indicator: outputs[0].indicator, value: '1.5' });
        const sum = next() < 0.15 ? undefined : next() < 0.1 ? '0.00' : amount();
        command = realise(id, period, sum, { outputs: next() < 0.2 ? [] : outputs });
      } else if (ids.length > 0) {
        const target = pick(ids);
        command = correct(id, target, next() < 0.5 ? {} : { replacement: { amount: amount().replace('-', '') } });
      } else continue;
      events = history(events, command);
      ids.push(id);
    } catch {
      // refused by a parser or the decider (a negative realisation, a correction of a correction): not in the stream
    }
  }
  return events;
}

/** Every event's changes from the rebuild's tracker, the domain's tracker and describeChange, side by side. */
function compare(events: LineEvent[]): number {
  const fast = new RebuildFigureTracker();
  const domain = new FigureTracker();
  let state = stateOf([]);
  let described = 0;
  for (let i = 0; i < events.length; i++) {
    const next = stateOf(events.slice(0, i + 1));
    if (familiesChangedBy(events[i], state).length > 0) {
      const expected = describeChange(state, next);
      expect({ i, changes: fast.changes(state, events[i], next) }).toEqual({ i, changes: expected });
      expect({ i, changes: domain.changes(state, events[i], next) }).toEqual({ i, changes: expected });
      described++;
    }
    state = next;
  }
  return described;
}

describe('RebuildFigureTracker', () => {
  it('describes every event of a stream exactly as describeChange does', () => {
    const events = history(
      [registered()],
      defineIndicator('ind-1', 'Jumlah UMKM'),
      changePagu('p-apbd', { amount: '653027794.00' }),
      realise('r-01', '2022-01', '95000000.00', { outputs: [{ indicator: 'IK-1', value: '4' }] }),
      realise('r-02', '2022-02', '5000000.50', { outputs: [{ indicator: 'IK-1', value: '2' }] }),
      realise('r-04', '2022-04', undefined, { outputs: [{ indicator: 'IK-1', value: '3' }] }),
      correct('c-1', 'r-02', { replacement: { amount: '4000000.00' } }),
      realise('r-03', '2022-03', '1.25'),
      correct('c-2', 'r-01'),
      realise('r-05', '2022-05', '7.00'),
    );
    expect(compare(events)).toBe(8);
  });

  it('sums in sen while amounts have two decimals at most, in decimals after one with more', () => {
    const events = history(
      [registered()],
      defineIndicator('ind-1', 'Jumlah UMKM'),
      changePagu('p-apbd', { amount: '1000.00' }),
      realise('r-01', '2022-01', '0.05', { outputs: [{ indicator: 'IK-1', value: '0.25' }] }),
      realise('r-02', '2022-02', '12'),
      realise('r-03', '2022-03', '0.00'),
    );
    // Stored events the parsers would refuse today (more decimals, a negative amount), as an old log may hold.
    const raw = (id: string, period: string, amount: string): LineEvent =>
      ({ ...events[3], id, data: { period, amount, outputs: [] } }) as LineEvent;
    const stream = [...events, raw('r-04', '2022-04', '-0.07'), raw('r-05', '2022-05', '0.075'), raw('r-06', '2022-06', '0.005')];
    expect(compare(stream)).toBe(7);
  });

  it('describes generated streams exactly as describeChange and the domain tracker do', () => {
    let described = 0;
    for (let seed = 1; seed <= 120; seed++) described += compare(generatedStream(seed));
    // The streams hold many realisations (the tracker's shortcut), corrections and pagu changes.
    expect(described).toBeGreaterThan(120 * 10);
  });

  it('formats a summary as the domain lists the realisation family', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const state = generatedHistory(seed);
      const anyRecorded = state.entries.some((e) => e.kind === 'realisation');
      expect([...realisationFigures(realisationSummary(state), anyRecorded)]).toEqual([...familyFigures(state, 'realisation')]);
    }
  });
});
