import { errorOf } from '../testing/error-of';
import { reviseTarget } from '../testing/parsed-commands';
import { defineIndicator, given, registered, registerLine } from '../testing/plan-line-fixtures';
import { parseIndicatorDefinition } from './parse-changes';
import { lineStreamId } from '../streams';
import type { IndicatorDefined, TargetRevised } from './events';
import { targetsAsOf } from './realisation';

const indicatorDefined = (id: string, indicatorId: string, name: string, direction = 'higher_is_better'): IndicatorDefined => ({
  id,
  type: 'indicator.defined',
  data: { indicatorId, name, unit: 'UMKM', direction: direction as IndicatorDefined['data']['direction'] },
  effectiveDate: '2022-01-01',
  legalBasis: null,
  reason: null,
});

describe('registering a plan line', () => {
  it('registers a sub kegiatan under its kegiatan, normalising a 2-digit code', () => {
    const state = given([])
      .when(registerLine({ code: '2.17.07.1.01.01' }))
      .then([
        {
          id: 'reg-1',
          type: 'plan-line.registered',
          data: {
            year: 2022,
            officeCode: 'DKUKM',
            code: '2.17.07.1.01.0001',
            level: 'sub_kegiatan',
            parentCode: '2.17.07.1.01',
            name: 'Pemberdayaan UMKM',
          },
          effectiveDate: '2022-01-01',
          legalBasis: null,
          reason: null,
        },
      ]);
    expect(state.version).toBe(1);
    expect(lineStreamId(2022, 'DKUKM', state.line!.code)).toBe('line-2022-DKUKM-2.17.07.1.01.0001');
  });

  it('registers a program, whose parent is the office: no parent line needed', () => {
    given([])
      .when(
        registerLine({
          code: '2.17.07',
          name: 'Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)',
          parentRegistered: false,
        }),
      )
      .then([
        {
          id: 'reg-1',
          type: 'plan-line.registered',
          data: {
            year: 2022,
            officeCode: 'DKUKM',
            code: '2.17.07',
            level: 'program',
            parentCode: null,
            name: 'Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)',
          },
          effectiveDate: '2022-01-01',
          legalBasis: null,
          reason: null,
        },
      ]);
  });

  it('refuses a kegiatan whose program is not registered', () => {
    const error = given([])
      .when(registerLine({ code: '2.17.07.1.01', parentRegistered: false }))
      .thenThrows('PARENT_NOT_REGISTERED', 'rule');
    expect(error.message).toContain('2.17.07');
  });

  it('refuses a sub kegiatan whose kegiatan is not registered', () => {
    const error = given([])
      .when(registerLine({ parentRegistered: false }))
      .thenThrows('PARENT_NOT_REGISTERED', 'rule');
    expect(error.message).toContain('2.17.07.1.01 before 2.17.07.1.01.0001');
  });

  it('refuses a line of an unregistered office', () => {
    given([])
      .when(registerLine({ officeRegistered: false }))
      .thenThrows('OFFICE_NOT_REGISTERED', 'not_found');
  });

  it('refuses a second registration of the line', () => {
    given([registered()])
      .when(registerLine({ eventId: 'reg-2' }))
      .thenThrows('LINE_ALREADY_REGISTERED', 'conflict');
  });

  // The code and the name are parsed at the edge (parseRegisterLine), before anything is decided.
  it('refuses a bad code and a missing name', () => {
    expect(errorOf(() => registerLine({ code: '2.17.07.1' })).rule).toBe('CODE_FORMAT');
    expect([errorOf(() => registerLine({ name: '' })).rule, errorOf(() => registerLine({ name: '' })).field]).toEqual([
      'TEXT_REQUIRED',
      'name',
    ]);
  });

  it('refuses an impossible fiscal year', () => {
    given([])
      .when(registerLine({ year: 22 }))
      .thenThrows('YEAR_FORMAT', 'invalid');
    given([])
      .when(registerLine({ year: 2022.5 }))
      .thenThrows('YEAR_FORMAT', 'invalid');
  });
});

describe('indicators (indikator kinerja)', () => {
  it('numbers indicators IK-1, IK-2 in order of definition', () => {
    const first = indicatorDefined('ind-1', 'IK-1', 'Jumlah UMKM yang diberdayakan');
    given([registered()]).when(defineIndicator('ind-1', ' Jumlah UMKM yang diberdayakan ')).then([first]);
    const state = given([registered(), first])
      .when(defineIndicator('ind-2', 'Persentase UMKM naik kelas', { unit: '%' }))
      .then([
        {
          ...indicatorDefined('ind-2', 'IK-2', 'Persentase UMKM naik kelas'),
          data: { indicatorId: 'IK-2', name: 'Persentase UMKM naik kelas', unit: '%', direction: 'higher_is_better' },
        },
      ]);
    expect(state.indicators.map((i) => i.indicatorId)).toEqual(['IK-1', 'IK-2']);
  });

  it('accepts lower_is_better', () => {
    given([registered()])
      .when(defineIndicator('ind-1', 'Angka pengangguran', { direction: 'lower_is_better' }))
      .then([indicatorDefined('ind-1', 'IK-1', 'Angka pengangguran', 'lower_is_better')]);
  });

  it('refuses a duplicate name', () => {
    given([registered(), indicatorDefined('ind-1', 'IK-1', 'Jumlah UMKM')])
      .when(defineIndicator('ind-2', 'Jumlah UMKM'))
      .thenThrows('INDICATOR_NAME_TAKEN', 'conflict');
  });

  // The definition is parsed at the edge (the API strictly, the import leniently), before anything is decided.
  it.each([['up'], ['HIGHER_IS_BETTER'], [undefined]])('refuses the direction %p', (direction) => {
    const error = errorOf(() => parseIndicatorDefinition({ name: 'Jumlah UMKM', unit: 'UMKM', direction }, 'strict'));
    expect([error.rule, error.kind, error.field]).toEqual(['DIRECTION_UNKNOWN', 'invalid', 'direction']);
  });

  it('reads naik / turun only in lenient mode', () => {
    expect(parseIndicatorDefinition({ name: 'Angka pengangguran', unit: '%', direction: 'turun' }, 'lenient').direction).toBe(
      'lower_is_better',
    );
    expect(errorOf(() => parseIndicatorDefinition({ name: 'Angka pengangguran', unit: '%', direction: 'turun' }, 'strict')).rule).toBe(
      'DIRECTION_UNKNOWN',
    );
  });

  it('requires a unit', () => {
    const error = errorOf(() => parseIndicatorDefinition({ name: 'Jumlah UMKM', unit: ' ', direction: 'higher_is_better' }, 'strict'));
    expect([error.rule, error.kind, error.field]).toEqual(['TEXT_REQUIRED', 'invalid', 'unit']);
  });

  it('refuses an indicator on an unregistered line', () => {
    given([]).when(defineIndicator('ind-1', 'Jumlah UMKM')).thenThrows('LINE_NOT_REGISTERED', 'not_found');
  });
});

describe('target revisions', () => {
  const base = [registered(), indicatorDefined('ind-1', 'IK-1', 'Jumlah UMKM')];
  const revised = (id: string, value: string, effectiveDate: string): TargetRevised => ({
    id,
    type: 'target.revised',
    data: { indicatorId: 'IK-1', value },
    effectiveDate,
    legalBasis: null,
    reason: 'Renja perubahan',
  });

  it('revises a target by indicator id or name; the latest by effective date is in force', () => {
    given(base)
      .when(
        reviseTarget({ eventId: 't-1', indicator: 'Jumlah UMKM', value: '150', reason: 'Renja perubahan', effectiveDate: '2022-03-01' }),
      )
      .then([revised('t-1', '150', '2022-03-01')]);
    const state = given([...base, revised('t-1', '150', '2022-03-01')])
      .when(reviseTarget({ eventId: 't-2', indicator: 'IK-1', value: '120.50', reason: 'Renja perubahan', effectiveDate: '2022-02-01' }))
      .then([revised('t-2', '120.5', '2022-02-01')]);
    expect(targetsAsOf(state).get('IK-1')!.toString()).toBe('150');
    expect(targetsAsOf(state, { validAt: '2022-02-15' }).get('IK-1')!.toString()).toBe('120.5');
    expect(targetsAsOf(state, { validAt: '2022-01-31' }).has('IK-1')).toBe(false);
  });

  it('requires a reason and a known indicator', () => {
    const noReason = errorOf(() =>
      reviseTarget({ eventId: 't-1', indicator: 'IK-1', value: '150', reason: undefined, effectiveDate: '2022-03-01' }),
    );
    expect([noReason.rule, noReason.kind, noReason.field]).toEqual(['REASON_REQUIRED', 'rule', 'reason']);
    given(base)
      .when(reviseTarget({ eventId: 't-1', indicator: 'IK-9', value: '150', reason: 'x', effectiveDate: '2022-03-01' }))
      .thenThrows('INDICATOR_UNKNOWN', 'not_found');
    given(base)
      .when(reviseTarget({ eventId: 't-1', indicator: 'IK-1', value: '150', reason: 'x', effectiveDate: '2023-01-01' }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', 'rule');
  });
});
