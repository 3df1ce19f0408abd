import { DeciderSpecification } from '../testing/decider-specification';
import { errorOf } from '../testing/error-of';
import { parseRecordEvaluationNote } from './parse-evaluation-note';
import { evaluationNoteDecider, type EvaluationNoteRecorded, type RecordEvaluationNote } from './evaluation-note';

const given = DeciderSpecification.for(evaluationNoteDecider);

/** As the API sends it: parsed by the domain's parser (strict) before anything is decided. */
const note = ({
  eventId = 'n-1',
  officeRegistered = true,
  lineRegistered = true,
  ...sent
}: { eventId?: string; officeRegistered?: boolean; lineRegistered?: boolean } & Record<string, unknown> = {}): RecordEvaluationNote => ({
  type: 'RecordEvaluationNote',
  eventId,
  officeRegistered,
  lineRegistered,
  ...parseRecordEvaluationNote(
    {
      year: 2022,
      officeCode: 'DKUKM',
      period: '2022-Q4',
      code: '2.17.07',
      penghambat: 'Tambahan DID turun pada November 2022 (triwulan IV)',
      tindakLanjut: 'Pengesahan DPPA tepat waktu',
      ...sent,
    },
    'strict',
  ),
});

const recorded = (id: string, data: Partial<EvaluationNoteRecorded['data']> = {}): EvaluationNoteRecorded => ({
  id,
  type: 'evaluation-note.recorded',
  data: {
    year: 2022,
    officeCode: 'DKUKM',
    period: '2022-Q4',
    code: '2.17.07',
    pendorong: null,
    penghambat: 'Tambahan DID turun pada November 2022 (triwulan IV)',
    tindakLanjut: 'Pengesahan DPPA tepat waktu',
    ...data,
  },
  effectiveDate: '2022-12-31',
  legalBasis: null,
  reason: null,
});

describe('evaluation notes (faktor pendorong / penghambat / tindak lanjut)', () => {
  it('records a note for a quarter and a program, effective on the last day of the quarter', () => {
    given([])
      .when(note())
      .then([recorded('n-1')]);
  });

  it('records a note for the whole office when no line is named; the quarter may be written TW III', () => {
    const [event] = evaluationNoteDecider.decide(note({ code: '', pendorong: 'Dukungan pimpinan', period: 'TW III' }), { notes: [] });
    expect([event.data.code, event.data.period, event.data.pendorong, event.effectiveDate]).toEqual([
      null,
      '2022-Q3',
      'Dukungan pimpinan',
      '2022-09-30',
    ]);
  });

  it('does not record the same text twice for a quarter and line, but records a change', () => {
    given([recorded('n-1')])
      .when(note({ eventId: 'n-2' }))
      .then([]);
    given([recorded('n-1')])
      .when(note({ eventId: 'n-2', pendorong: 'Koordinasi dengan kabupaten/kota' }))
      .then([recorded('n-2', { pendorong: 'Koordinasi dengan kabupaten/kota' })]);
  });

  it.each([
    ['no text at all', { penghambat: undefined, tindakLanjut: '  ' }, 'EVALUATION_NOTE_EMPTY', 'pendorong', 'invalid'],
    ['a month instead of a quarter', { period: '2022-11' }, 'PERIOD_NOT_QUARTER', 'period', 'invalid'],
    ['a quarter of another year', { period: '2023-Q1' }, 'PERIOD_OUTSIDE_FISCAL_YEAR', 'period', 'rule'],
    ['a period that is not one', { period: 'TW 5' }, 'PERIOD_FORMAT', 'period', 'invalid'],
    ['a malformed line code', { code: '2.17.x' }, 'CODE_FORMAT', 'code', 'invalid'],
    ['a line that is not registered', { lineRegistered: false }, 'LINE_NOT_REGISTERED', 'code', 'not_found'],
    ['an office that is not registered', { officeRegistered: false }, 'OFFICE_NOT_REGISTERED', 'office', 'not_found'],
    ['a text that is too long', { pendorong: 'a'.repeat(4001) }, 'TEXT_TOO_LONG', 'pendorong', 'invalid'],
  ] as const)('refuses %s, naming the field', (_, fields, rule, field, kind) => {
    // What the note says is parsed at the edge (parseRecordEvaluationNote); the office, the line and the year are decided.
    const error = errorOf(() => evaluationNoteDecider.decide(note(fields), evaluationNoteDecider.initialState()));
    expect([error.rule, error.kind, error.field]).toEqual([rule, kind, field]);
  });
});
