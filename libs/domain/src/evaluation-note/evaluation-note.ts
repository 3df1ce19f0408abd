import { assertFiscalYear } from '../shared/dates';
import type { Decider } from '../shared/decider';
import { notFound } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { assertPeriodInYear, type Period } from '../shared/period';
import type { PlanCode } from '../plan-line/plan-code';

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
  /** Parsed at the edge (parseRecordEvaluationNote): a quarter, "2022-Q3". */
  period: Period;
  /** Null: the whole office. */
  code: PlanCode | null;
  /** At least one of the three. */
  pendorong: string | null;
  penghambat: string | null;
  tindakLanjut: string | null;
  reason: string | null;
  /** Looked up by the caller: the office exists; the line named by `code` (if any) exists. */
  officeRegistered: boolean;
  lineRegistered: boolean;
}

export interface EvaluationNotesState {
  notes: EvaluationNoteData[];
}

const sameSubject = (a: EvaluationNoteData, b: EvaluationNoteData) => a.period === b.period && a.code === b.code;
const sameText = (a: EvaluationNoteData, b: EvaluationNoteData) =>
  a.pendorong === b.pendorong && a.penghambat === b.penghambat && a.tindakLanjut === b.tindakLanjut;

/** The command was parsed at the edge (parseRecordEvaluationNote): what is left are the year, the office, the line and the quarter's year. */
function noteData(command: RecordEvaluationNote): { data: EvaluationNoteData; endDate: string } {
  const year = assertFiscalYear(command.year);
  if (!command.officeRegistered)
    throw notFound('OFFICE_NOT_REGISTERED', msg('OFFICE_NOT_REGISTERED', { office: command.officeCode }), 'office');
  const { period, pendorong, penghambat, tindakLanjut } = command;
  assertPeriodInYear(period, year);
  const code = command.code?.code ?? null;
  if (code !== null && !command.lineRegistered) {
    throw notFound(
      'LINE_NOT_REGISTERED',
      msg('LINE_NOT_REGISTERED.in_office', { field: 'code', code, year, office: command.officeCode }),
      'code',
    );
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
    const { data, endDate } = noteData(command);
    const current = state.notes.filter((n) => sameSubject(n, data)).at(-1);
    if (current && sameText(current, data)) return [];
    return [
      {
        id: command.eventId,
        type: EVALUATION_NOTE_EVENT_TYPE,
        data,
        effectiveDate: endDate,
        legalBasis: null,
        reason: command.reason,
      },
    ];
  },
  evolve: (state, event) => ({ notes: [...state.notes, event.data] }),
};
