import type { RenstraEntry } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import type { EvaluationInputs } from './evaluation.report';
import { readNotes } from './evaluation-notes';

/** Today in WIB (UTC+7), the offices' calendar: when the running year's evaluation is still provisional. */
const todayInWib = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Renstra figures and faktor notes for an evaluation; without an event store (benchmarks) there are no notes. */
export async function loadEvaluationInputs(
  store: Pick<EventStore, 'readStream'> | undefined,
  year: number,
  officeCode: string,
  /** The office's Renstra entries, being read with its lines (ReportScope.renstra). */
  renstra: Promise<Map<string, readonly RenstraEntry[]>>,
): Promise<EvaluationInputs> {
  const [entries, notes] = await Promise.all([renstra, store ? readNotes(store, officeCode, year) : Promise.resolve([])]);
  return { renstra: entries, notes, today: todayInWib() };
}

/** The evaluation inputs of several offices (their Renstra entries read with their lines), the notes read side by side. */
export async function loadOfficesEvaluationInputs(
  store: Pick<EventStore, 'readStream'> | undefined,
  year: number,
  /** Each office's Renstra entries by office code (ReportScope.renstra). */
  renstra: Map<string, Map<string, readonly RenstraEntry[]>>,
): Promise<Map<string, EvaluationInputs>> {
  const codes = [...renstra.keys()];
  const notes = await Promise.all(codes.map((code) => (store ? readNotes(store, code, year) : Promise.resolve([]))));
  const today = todayInWib();
  return new Map(codes.map((code, i) => [code, { renstra: renstra.get(code)!, notes: notes[i], today }]));
}
