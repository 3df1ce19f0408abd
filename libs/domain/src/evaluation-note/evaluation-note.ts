import { assertFiscalYear } from '../shared/dates';
import type { Decider } from '../shared/decider';
import { invalid, notFound } from '../shared/errors';
import { parseReason, requireText } from '../shared/legal-basis';
import { msg } from '../shared/messages/message';
import { periodFromAlias } from '../shared/readings';
import { assertPeriodInYear, parsePeriod } from '../shared/period';
import { parsePlanCode } from '../plan-line/plan-code';

/**
 * The evaluation's notes for a quarter (triwulan): faktor pendorong (what drove the results), faktor
 * penghambat (what held them back) and tindak lanjut (the follow-up), for the whole office or one
 * program / kegiatan. One stream per office and fiscal year (see evaluationNoteStreamId). A later note for
 * the same quarter and line takes the place of the earlier one in the report; both stay in the stream.
 */
export const EVALUATION_NOTE_EVENT_TYPE = 'evaluation-note.recorded' as const;

export interface EvaluationNoteData {
  year: number;
  officeCode: string;
  /** The quarter the note is about: "2022-Q3". */
  period: string;
  /** A program, kegiatan or sub kegiatan; null: the whole office. */
  code: string | null;
  pendorong: string | null;
  penghambat: string | null;
  tindakLanjut: string | null;
}

export interface EvaluationNoteRecorded {
  id: string;
  type: typeof EVALUATION_NOTE_EVENT_TYPE;
  data: EvaluationNoteData;
  /** The last day of the quarter: a report valid at an earlier date does not show it yet. */
  effectiveDate: string;
  legalBasis: null;
  reason: string | null;
  recordedAt?: string;
  actor?: string;
}

export interface RecordEvaluationNote {
  type: 'RecordEvaluationNote';
  eventId: string;
  year: number;
  officeCode: string;
  /** A quarter "2022-Q3". */
  period: unknown;
  code?: unknown;
  pendorong?: unknown;
  penghambat?: unknown;
  tindakLanjut?: unknown;
  reason?: unknown;
  /** Looked up by the caller: the office exists; the line named by `code` (if any) exists. */
  officeRegistered: boolean;
  lineRegistered: boolean;
}

export interface EvaluationNotesState {
  notes: EvaluationNoteData[];
}

const NOTE_TEXT_MAX = 4000;
const given = (value: unknown): boolean => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
const textOrNull = (value: unknown, field: string): string | null => (given(value) ? requireText(value, field, NOTE_TEXT_MAX) : null);

const sameSubject = (a: EvaluationNoteData, b: EvaluationNoteData) => a.period === b.period && a.code === b.code;
const sameText = (a: EvaluationNoteData, b: EvaluationNoteData) =>
  a.pendorong === b.pendorong && a.penghambat === b.penghambat && a.tindakLanjut === b.tindakLanjut;

function parseNote(command: RecordEvaluationNote): { data: EvaluationNoteData; endDate: string } {
  const year = assertFiscalYear(command.year);
  if (!command.officeRegistered)
    throw notFound('OFFICE_NOT_REGISTERED', msg('OFFICE_NOT_REGISTERED', { office: command.officeCode }), 'office');
  // "TW III" and "Triwulan 3" name the quarter of the note's year as "2022-Q3" does.
  const period = parsePeriod(periodFromAlias(command.period, year));
  if (period.granularity !== 'quarter')
    throw invalid('period', msg('PERIOD_NOT_QUARTER', { period: period.key, year }), 'PERIOD_NOT_QUARTER');
  assertPeriodInYear(period, year);
  const code = given(command.code) ? parsePlanCode(command.code).code : null;
  if (code !== null && !command.lineRegistered) {
    throw notFound(
      'LINE_NOT_REGISTERED',
      msg('LINE_NOT_REGISTERED.in_office', { field: 'code', code, year, office: command.officeCode }),
      'code',
    );
  }
  const pendorong = textOrNull(command.pendorong, 'pendorong');
  const penghambat = textOrNull(command.penghambat, 'penghambat');
  const tindakLanjut = textOrNull(command.tindakLanjut, 'tindakLanjut');
  if (pendorong === null && penghambat === null && tindakLanjut === null) {
    throw invalid('pendorong', msg('EVALUATION_NOTE_EMPTY'), 'EVALUATION_NOTE_EMPTY');
  }
  return {
    data: { year, officeCode: command.officeCode, period: period.key, code, pendorong, penghambat, tindakLanjut },
    endDate: period.endDate,
  };
}

export const evaluationNoteDecider: Decider<RecordEvaluationNote, EvaluationNoteRecorded, EvaluationNotesState> = {
  initialState: () => ({ notes: [] }),
  /** Records the note; the same text as the note now in force for that quarter and line is not recorded again. */
  decide(command, state) {
    const { data, endDate } = parseNote(command);
    const current = state.notes.filter((n) => sameSubject(n, data)).at(-1);
    if (current && sameText(current, data)) return [];
    return [
      {
        id: command.eventId,
        type: EVALUATION_NOTE_EVENT_TYPE,
        data,
        effectiveDate: endDate,
        legalBasis: null,
        reason: parseReason(command.reason),
      },
    ];
  },
  evolve: (state, event) => ({ notes: [...state.notes, event.data] }),
};
