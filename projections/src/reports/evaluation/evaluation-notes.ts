import { evaluationNoteStreamId, EVALUATION_NOTE_EVENT_TYPE, parsePeriod, type AsOf, type EvaluationNoteData } from '@renja/domain';
import type { EventStore } from '@renja/event-store';

/** A faktor note as recorded: what it says, for which quarter and line, who recorded it, when and why. */
export interface RecordedNote extends EvaluationNoteData {
  eventId: string;
  effectiveDate: string;
  recordedAt: string;
  actor: string;
  reason: string | null;
}

/** A note as the evaluation prints it: its line's name (or the office's) beside the texts. */
export interface EvaluationNote extends RecordedNote {
  quarter: 1 | 2 | 3 | 4;
  name: string;
}

/** The notes of an office and year, read straight from their stream (no read model of their own). */
export async function readNotes(store: Pick<EventStore, 'readStream'>, officeCode: string, year: number): Promise<RecordedNote[]> {
  const events = await store.readStream(evaluationNoteStreamId(officeCode, year));
  return events
    .filter((e) => e.type === EVALUATION_NOTE_EVENT_TYPE)
    .map((e) => ({
      ...(e.data as unknown as EvaluationNoteData),
      eventId: e.id,
      effectiveDate: e.metadata.effectiveDate ?? '',
      recordedAt: e.recordedAt,
      actor: e.metadata.actor,
      reason: e.metadata.reason ?? null,
    }));
}

/**
 * The notes in force for a point of view: known by knownAt, their quarter ended by validAt; of several
 * notes for one quarter and line the last recorded stands. Ordered by quarter, the office's note first,
 * then by code.
 */
export function notesInForce(notes: RecordedNote[], asOf: AsOf, nameOf: (code: string | null) => string): EvaluationNote[] {
  const latest = new Map<string, RecordedNote>();
  for (const note of notes) {
    if (asOf.knownAt && note.recordedAt > asOf.knownAt) continue;
    if (asOf.validAt && note.effectiveDate > asOf.validAt) continue;
    latest.set(`${note.period}|${note.code ?? ''}`, note);
  }
  return [...latest.values()]
    .map((n) => ({ ...n, quarter: parsePeriod(n.period).quarter, name: nameOf(n.code) }))
    .sort((a, b) => a.quarter - b.quarter || (a.code ?? '').localeCompare(b.code ?? '', 'en', { numeric: true }));
}
