import { createHash } from 'node:crypto';
import type { EventStore, NewEvent, StreamAppend } from '@renja/event-store';
import { officeStreams } from '../../projections/src/reports/bench/generate-office';

/**
 * The province data set: `offices` offices of 10 programs × 6 kegiatan × 10 sub kegiatan (600 lines
 * with their 70 parents), about twenty events per sub kegiatan (registration, indicator, target,
 * APBD from two sources, a pergeseran, twelve monthly realisations, a DID addition in APBD-P and a
 * correction): 12,211 events per office, 488,440 for 40. The shapes come from the report benchmark's
 * generator; its random event ids are replaced by ids from a seeded generator, so every run stores
 * the very same events (and corrections still point at the events they correct).
 */
export const YEAR = 2023;
export const SHAPE = { programs: 10, kegiatanPerProgram: 6, subPerKegiatan: 10 };
export const officeCode = (i: number): string => `OPD${String(i).padStart(3, '0')}`;

/** Deterministic UUIDs (version-4 layout) from SHA-256 of a seed and a counter. */
export class SeededIds {
  private counter = 0;
  constructor(private readonly seed: string) {}
  next(): string {
    const h = createHash('sha256').update(`${this.seed}:${this.counter++}`).digest();
    h[6] = (h[6] & 0x0f) | 0x40;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  }
}

/** One office's streams with seeded ids: the office stream, then every line stream (parents first). */
export function seededOffice(ids: SeededIds, office: number): StreamAppend[] {
  const appends = officeStreams(YEAR, officeCode(office), SHAPE);
  const renamed = new Map<string, string>();
  for (const append of appends) for (const event of append.events) renamed.set(event.id, ids.next());
  return appends.map((append) => ({
    ...append,
    events: append.events.map((event): NewEvent => {
      const data = event.data as Record<string, unknown>;
      const corrected =
        typeof data.correctedEventId === 'string' ? { ...data, correctedEventId: renamed.get(data.correctedEventId) } : data;
      return { ...event, id: renamed.get(event.id)!, data: corrected };
    }),
  }));
}

export const eventCount = (appends: StreamAppend[]): number => appends.reduce((n, a) => n + a.events.length, 0);

/**
 * Appends offices `from..to` (inclusive) in appendMany calls of about `chunkEvents` events, `parallel`
 * calls in flight (the store commits concurrent calls in groups). Returns the number of events.
 */
export async function loadOffices(
  store: EventStore,
  ids: SeededIds,
  from: number,
  to: number,
  onProgress: (events: number) => void,
  chunkEvents = 2000,
  parallel = 4,
): Promise<number> {
  let total = 0;
  const inFlight = new Set<Promise<void>>();
  for (let office = from; office <= to; office++) {
    const appends = seededOffice(ids, office);
    let chunk: StreamAppend[] = [];
    let size = 0;
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      const calls = chunk;
      const events = size;
      chunk = [];
      size = 0;
      const p = store.appendMany(calls).then(() => {
        total += events;
        onProgress(total);
      });
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= parallel) await Promise.race(inFlight);
    };
    for (const append of appends) {
      chunk.push(append);
      size += append.events.length;
      if (size >= chunkEvents) await flush();
    }
    await flush();
  }
  await Promise.all(inFlight);
  return total;
}
