import { errorOf } from '../testing/error-of';
import { recordRenstra } from '../testing/parsed-commands';
import { defineIndicator, given, history, registered, stateOf } from '../testing/plan-line-fixtures';
import type { RecordRenstra } from './commands';
import { decideLine } from './decide';
import type { LineEvent, RenstraRecorded } from './events';
import { renstraAsOf, renstraFigureMap } from './renstra';

const base: LineEvent[] = history([registered()], defineIndicator('ind-1', 'Jumlah UMKM yang bermitra'));

const record = (eventId: string, fields: Record<string, unknown>): RecordRenstra => recordRenstra({ eventId, ...fields });

const recorded = (id: string, data: Partial<RenstraRecorded['data']>, fields: Partial<RenstraRecorded> = {}): RenstraRecorded => ({
  id,
  type: 'renstra.recorded',
  data: { indicatorId: null, targetK: null, targetRp: null, realisedToLastYearK: null, realisedToLastYearRp: null, ...data },
  effectiveDate: '2022-01-01',
  legalBasis: null,
  reason: null,
  ...fields,
});

describe('Renstra figures: recording', () => {
  it('records the Rupiah of the line and the K of an indicator, effective from the first day of the year', () => {
    given(base)
      .when(
        record('rs-1', {
          indicator: 'IK-1',
          targetK: '30',
          targetRp: '2908919056',
          realisedToLastYearK: '15',
          realisedToLastYearRp: '1397323000.00',
          reason: 'Renstra 2019-2024',
        }),
      )
      .then([
        recorded(
          'rs-1',
          {
            indicatorId: 'IK-1',
            targetK: '30',
            targetRp: '2908919056.00',
            realisedToLastYearK: '15',
            realisedToLastYearRp: '1397323000.00',
          },
          { reason: 'Renstra 2019-2024' },
        ),
      ]);
  });

  it('records Rupiah alone without an indicator, and takes an effective date inside the fiscal year', () => {
    given(base)
      .when(record('rs-1', { targetRp: '100.5', effectiveDate: '2022-03-01' }))
      .then([recorded('rs-1', { targetRp: '100.50' }, { effectiveDate: '2022-03-01' })]);
    given(base)
      .when(record('rs-1', { targetRp: '1', effectiveDate: '2023-01-01' }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', 'rule');
  });

  it.each([
    ['nothing at all', {}, 'RENSTRA_EMPTY', 'targetRp'],
    ['a K figure without its indicator', { targetK: '30' }, 'INDICATOR_REQUIRED', 'indicator'],
    ['an unknown indicator', { indicator: 'IK-9', targetK: '30' }, 'INDICATOR_UNKNOWN', 'indicator'],
    ['Rupiah as a JSON number', { targetRp: 2908919056 }, 'AMOUNT_NOT_STRING', 'targetRp'],
    ['Rupiah with a decimal comma', { realisedToLastYearRp: '1397323000,00' }, 'AMOUNT_FORMAT', 'realisedToLastYearRp'],
    ['a negative Rupiah amount', { targetRp: '-5' }, 'AMOUNT_FORMAT', 'targetRp'],
    ['a K value that is not a decimal', { indicator: 'IK-1', realisedToLastYearK: '15 unit' }, 'VALUE_FORMAT', 'realisedToLastYearK'],
  ])('refuses %s, naming the field', (_, fields, rule, field) => {
    // Parsed at the edge (parseRecordRenstra) before the line decides (the indicator is one of its own).
    const error = errorOf(() => decideLine(record('rs-1', fields), stateOf(base)));
    expect([error.rule, error.kind, error.field]).toEqual([rule, rule === 'INDICATOR_UNKNOWN' ? 'not_found' : 'invalid', field]);
  });

  it('refuses figures for a line that is not registered', () => {
    given([])
      .when(record('rs-1', { targetRp: '1' }))
      .thenThrows('LINE_NOT_REGISTERED', 'not_found');
  });
});

describe('Renstra figures: folding', () => {
  const events = history(
    base,
    record('rs-1', { indicator: 'IK-1', targetK: '30', targetRp: '2908919056' }),
    record('rs-2', { realisedToLastYearRp: '1397323000' }),
    record('rs-3', { indicator: 'IK-1', targetK: '32', effectiveDate: '2022-07-01' }),
  ).map((e, i) => ({ ...e, recordedAt: `2022-0${Math.min(i + 1, 9)}-15T00:00:00.000000Z` }));

  it('keeps each recorded figure until a later event states it again', () => {
    const state = stateOf(events);
    expect(state.renstra?.map((e) => e.eventId)).toEqual(['rs-1', 'rs-2', 'rs-3']);
    const now = renstraAsOf(state.renstra);
    expect(now.rp).toEqual({ target: '2908919056.00', realisedToLastYear: '1397323000.00' });
    expect(now.k.get('IK-1')).toEqual({ target: '32', realisedToLastYear: null });
  });

  it('shows the figures in force at validAt and as known at knownAt', () => {
    const state = stateOf(events);
    expect(renstraAsOf(state.renstra, { validAt: '2022-06-30' }).k.get('IK-1')?.target).toBe('30');
    const known = renstraAsOf(state.renstra, { knownAt: events.find((e) => e.id === 'rs-1')!.recordedAt });
    expect([known.rp.target, known.rp.realisedToLastYear]).toEqual(['2908919056.00', null]);
  });

  it('names the figures an event changed for the line history', () => {
    const state = stateOf(events);
    expect(Object.fromEntries(renstraFigureMap(state.renstra))).toEqual({
      'renstra.target.rp': '2908919056.00',
      'renstra.realised_to_last_year.rp': '1397323000.00',
      'renstra.target.IK-1': '32',
    });
    expect(renstraAsOf(undefined).rp).toEqual({ target: null, realisedToLastYear: null });
  });
});
