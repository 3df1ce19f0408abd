import { DeciderSpecification } from '../testing/decider-specification';
import { errorOf } from '../testing/error-of';
import { parseRecordStatedFigure } from './parse-stated-figure';
import { statedFigureDecider, statedFigureStreamId, type RecordStatedFigure, type StatedFigureRecorded } from './stated-figure';

const given = DeciderSpecification.for(statedFigureDecider);
/** As an edge sends it: parsed by the domain's parser (strict) before anything is decided. */
const record = ({
  eventId = 'sf-1',
  officeRegistered = true,
  ...sent
}: { eventId?: string; officeRegistered?: boolean } & Record<string, unknown> = {}): RecordStatedFigure => ({
  type: 'RecordStatedFigure',
  eventId,
  officeRegistered,
  ...parseRecordStatedFigure(
    {
      year: 2022,
      officeCode: 'DKUKM',
      code: '2.17.07',
      label: 'Program Pemberdayaan UMKM',
      measure: 'realisasi',
      period: '',
      value: '630592410.00',
      source: 'Tabel 2.1',
      ...sent,
    },
    'strict',
  ),
});
const recorded: StatedFigureRecorded = {
  id: 'sf-1',
  type: 'stated-figure.recorded',
  data: {
    year: 2022,
    officeCode: 'DKUKM',
    code: '2.17.07',
    label: 'Program Pemberdayaan UMKM',
    measure: 'REALISASI',
    phase: null,
    period: null,
    indicator: null,
    value: '630592410',
    source: 'Tabel 2.1',
    note: null,
  },
};

describe('stated figure decider', () => {
  it('records a figure as the document states it, one stream per office and year', () => {
    given([]).when(record()).then([recorded]);
    expect(statedFigureStreamId('DKUKM', 2022)).toBe('stated-DKUKM-2022');
  });

  it('records nothing when the same statement is already there (re-import)', () => {
    given([recorded])
      .when(record({ eventId: 'sf-2', value: '630592410' }))
      .then([]);
  });

  it('records a contradicting statement from another source: the report shows both', () => {
    given([recorded])
      .when(record({ eventId: 'sf-2', value: '1022435384', source: 'Bab II teks' }))
      .then([{ id: 'sf-2', type: 'stated-figure.recorded', data: { ...recorded.data, value: '1022435384', source: 'Bab II teks' } }]);
  });

  it('names the phase of a pagu total and refuses unknown measures and phases', () => {
    // Parsed at the edge (parseRecordStatedFigure), before anything is decided.
    expect(errorOf(() => record({ measure: 'PAGU' })).rule).toBe('PHASE_REQUIRED');
    expect(errorOf(() => record({ measure: 'JUMLAH' })).rule).toBe('MEASURE_UNKNOWN');
    const phase = errorOf(() => record({ measure: 'PAGU', phase: 'RAPBD' }));
    expect([phase.rule, phase.kind, phase.field]).toEqual(['PHASE_UNKNOWN', 'invalid', 'phase']);
  });

  it('needs the office, a period inside the year and a line for a target', () => {
    given([])
      .when(record({ officeRegistered: false }))
      .thenThrows('OFFICE_NOT_REGISTERED', 'not_found');
    given([])
      .when(record({ period: '2023-Q1' }))
      .thenThrows('PERIOD_OUTSIDE_FISCAL_YEAR', 'rule');
    const target = errorOf(() => record({ measure: 'TARGET', code: '' }));
    expect([target.rule, target.kind, target.field]).toEqual(['INDICATOR_REQUIRED', 'invalid', 'indicator']);
  });
});
