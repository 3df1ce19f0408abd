import { DomainError } from '../shared/errors';
import { changePagu, correct, history, PMK_DID, realise, recordedAt, registered, stateOf } from '../testing/plan-line-fixtures';
import { entriesAsOf, normaliseKnownAt } from './as-of';
import { lineFigures } from './describe-change';
import type { LineEvent } from './events';
import { paguBreakdown } from './pagu';
import { realisationSummary } from './realisation';

describe('normaliseKnownAt', () => {
  it.each([
    ['2022-12-15', '2022-12-15T23:59:59.999999Z'],
    ['2022-12-15T09:15:02.654321Z', '2022-12-15T09:15:02.654321Z'],
    ['2022-12-15T09:15:02.6Z', '2022-12-15T09:15:02.600000Z'],
    ['2022-12-15T09:15:02.123Z', '2022-12-15T09:15:02.123000Z'],
    ['2022-12-15T09:15:02Z', '2022-12-15T09:15:02.000000Z'],
    ['2022-12-15T09:15Z', '2022-12-15T09:15:00.000000Z'],
    ['2022-12-15T16:15:02.654321+07:00', '2022-12-15T09:15:02.654321Z'],
    ['2022-12-16T04:00:00+07:00', '2022-12-15T21:00:00.000000Z'],
    ['2022-12-15T09:15:02', '2022-12-15T09:15:02.000000Z'],
  ])('normalises %s to %s', (value, expected) => {
    expect(normaliseKnownAt(value)).toBe(expected);
  });

  it.each(['2022-12-15T09:15.5Z', '15-12-2022', '2022-02-30', '2022-12-15T25:00:00Z', 'December 15, 2022', '1', '', 'now'])(
    'refuses %p',
    (value) => {
      let error: unknown;
      try {
        normaliseKnownAt(value, 'knownAt');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect([(error as DomainError).kind, (error as DomainError).rule, (error as DomainError).field]).toEqual([
        'invalid',
        'KNOWN_AT_FORMAT',
        'knownAt',
      ]);
    },
  );
});

/**
 * What the ledger knew, and when:
 *  5 Jan 2022  line registered, APBD induk 653.027.794
 * 10 Apr 2022  Q1 realisation 95.000.000
 * 25 Nov 2022  DID addition 1.000.000.000 (effective 24 Nov)
 * 15 Dec 2022  correction: Q1 realisation was 59.000.000
 * 20 Jan 2023  correction of the correction: 59.500.000
 */
const T_INDUK = '2022-01-05T02:00:00.000000Z';
const T_Q1 = '2022-04-10T03:00:00.123456Z';
const T_DID = '2022-11-25T01:30:00.000001Z';
const T_FIX = '2022-12-15T09:15:02.654321Z';
const T_FIX2 = '2023-01-20T08:00:00.000000Z';

function ledger(): LineEvent[] {
  let events: LineEvent[] = [];
  const step = (at: string, f: (e: LineEvent[]) => LineEvent[]) => {
    const before = events.length;
    const all = f(events);
    events = [...events, ...recordedAt(at, all.slice(before))];
  };
  step(T_INDUK, (e) => [...e, registered()]);
  step(T_INDUK, (e) => history(e, changePagu('p-apbd', { amount: '653027794.00' })));
  step(T_Q1, (e) => history(e, realise('r-q1', '2022-Q1', '95000000.00')));
  step(T_DID, (e) =>
    history(
      e,
      changePagu('p-did', {
        phase: 'APBD_P',
        fundingSource: 'DID',
        delta: '1000000000.00',
        legalBasis: PMK_DID,
        reason: 'DID',
        effectiveDate: '2022-11-24',
      }),
    ),
  );
  step(T_FIX, (e) => history(e, correct('c-1', 'r-q1', { reason: 'SP2D ganda', replacement: { amount: '59000000.00' } })));
  step(T_FIX2, (e) => history(e, correct('c-2', 'c-1', { reason: 'SP2D terlewat', replacement: { amount: '59500000.00' } })));
  return events;
}

const cumulative = (knownAt?: string, validAt?: string) =>
  realisationSummary(stateOf(ledger()), { knownAt: knownAt && normaliseKnownAt(knownAt), validAt }).cumulative.toFixed(2);

describe('bitemporal reads', () => {
  it('before the correction was recorded the ledger showed the original figure; after, the replacement', () => {
    expect(cumulative('2022-12-14')).toBe('95000000.00');
    expect(cumulative('2022-12-15T09:15:02.654320Z')).toBe('95000000.00');
    expect(cumulative(T_FIX)).toBe('59000000.00');
    expect(cumulative('2022-12-15')).toBe('59000000.00');
    expect(cumulative('2023-01-19')).toBe('59000000.00');
    expect(cumulative('2023-01-20')).toBe('59500000.00');
    expect(cumulative()).toBe('59500000.00');
  });

  it('before anything was recorded the ledger knew nothing', () => {
    expect(cumulative('2022-04-09')).toBe('0.00');
    expect(entriesAsOf(stateOf(ledger()), { knownAt: normaliseKnownAt('2022-01-04') })).toEqual([]);
  });

  it('shows which entries were in force as known on 15 December 2022, with their system time', () => {
    const entries = entriesAsOf(stateOf(ledger()), { knownAt: normaliseKnownAt('2022-12-15') });
    expect(entries.map((e) => [e.eventId, e.effectiveDate, e.recordedAt, e.corrects])).toEqual([
      ['p-apbd', '2022-01-03', T_INDUK, null],
      ['c-1', '2022-03-31', T_FIX, 'r-q1'],
      ['p-did', '2022-11-24', T_DID, null],
    ]);
    const before = entriesAsOf(stateOf(ledger()), { knownAt: normaliseKnownAt('2022-12-14') });
    expect(before.map((e) => e.eventId)).toEqual(['p-apbd', 'r-q1', 'p-did']);
    expect(before[1].supersededBy).toEqual({ eventId: 'c-1', recordedAt: T_FIX });
  });

  it('answers both questions at once: the pagu on 31 October 2022 as the ledger knew it on 15 December 2022', () => {
    const state = stateOf(ledger());
    const b = paguBreakdown(state, { validAt: '2022-10-31', knownAt: normaliseKnownAt('2022-12-15') });
    expect([b.currentPhase, b.currentPagu.toFixed(2)]).toEqual(['APBD', '653027794.00']);
    const now = paguBreakdown(state, { knownAt: normaliseKnownAt('2022-12-15') });
    expect([now.currentPhase, now.currentPagu.toFixed(2)]).toEqual(['APBD_P', '1653027794.00']);
    const onTheDay = paguBreakdown(state, { knownAt: normaliseKnownAt('2022-11-24') });
    expect([onTheDay.currentPhase, onTheDay.currentPagu.toFixed(2)]).toEqual(['APBD', '653027794.00']);
  });

  it('lineFigures follows the point of view', () => {
    const state = stateOf(ledger());
    expect(lineFigures(state, { knownAt: normaliseKnownAt('2022-12-14') }).get('realisation.Q1')).toBe('95000000.00');
    expect(lineFigures(state, { knownAt: normaliseKnownAt('2022-12-15') }).get('realisation.Q1')).toBe('59000000.00');
    expect(lineFigures(state, { validAt: '2022-10-31' }).get('pagu.current')).toBe('653027794.00');
  });

  it('entries not yet recorded (a decision in progress) count as known', () => {
    const pending = history(ledger(), realise('r-q2', '2022-Q2', '1.00'));
    const entries = entriesAsOf(stateOf(pending), { knownAt: normaliseKnownAt('2022-12-15') });
    expect(entries.map((e) => e.eventId)).toEqual(['p-apbd', 'c-1', 'r-q2', 'p-did']);
  });

  it('orders entries by effective date, then by stream order', () => {
    const events = history(
      [registered()],
      changePagu('p-2', { amount: '2.00', effectiveDate: '2022-02-01' }),
      changePagu('p-1', { fundingSource: 'PAD', amount: '1.00', effectiveDate: '2022-01-15' }),
      changePagu('p-3', { fundingSource: 'DAK', amount: '3.00', effectiveDate: '2022-01-15' }),
    );
    expect(entriesAsOf(stateOf(events)).map((e) => e.eventId)).toEqual(['p-1', 'p-3', 'p-2']);
    expect(entriesAsOf(stateOf(events), { validAt: '2022-01-31' }).map((e) => e.eventId)).toEqual(['p-1', 'p-3']);
  });
});
