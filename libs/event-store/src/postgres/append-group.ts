import { IdempotencyKeyReusedError } from '../port/errors';
import type { AppendResult } from '../port/event-store.port';
import { checkExpectedVersions, countEvents, planAppend, type EventColumns, type PreparedAppend } from './append-plan';
import { replayedResult, storedResult, type StoredAppendResult } from './sql';

/** One caller's appendMany, waiting in the store's queue for the next group commit. */
export interface QueuedAppend {
  appends: PreparedAppend[];
  key: string | null;
  requestHash: string | null;
  eventCount: number;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** What the database said about the group, read under the head lock. */
export interface GroupState {
  /** Last version of every stream the group touches (0: no stream). */
  versions: Map<string, number>;
  /** Stored idempotency records of the group's keys. */
  stored: Map<string, { requestHash: string | null; result: StoredAppendResult }>;
}

export type GroupOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** Rows for one statement: the events of every accepted append, and their idempotency records. */
export interface GroupWrite {
  columns: EventColumns;
  keys: string[];
  requestHashes: Array<string | null>;
  results: string[];
  /** The head after the group: the last position handed out. */
  lastPosition: number;
}

/**
 * Takes appends off the front of the queue for one transaction: at most `maxAppends`, and no more
 * than `maxEvents` events unless the first alone is bigger. An append whose idempotency key is
 * already in the group waits for the next one, where it sees the first one's stored result.
 */
export function takeGroup(queue: QueuedAppend[], maxAppends: number, maxEvents: number): QueuedAppend[] {
  const group: QueuedAppend[] = [];
  const keys = new Set<string>();
  let events = 0;
  for (let i = 0; i < queue.length && group.length < maxAppends;) {
    const next = queue[i];
    if (group.length > 0 && events + next.eventCount > maxEvents) break;
    if (next.key !== null && keys.has(next.key)) {
      i += 1;
      continue;
    }
    if (next.key !== null) keys.add(next.key);
    group.push(next);
    events += next.eventCount;
    queue.splice(i, 1);
  }
  return group;
}

export function groupStreams(group: QueuedAppend[]): string[] {
  return [...new Set(group.flatMap((q) => q.appends.map((a) => a.streamId)))];
}

export function groupKeys(group: QueuedAppend[]): string[] {
  return group.flatMap((q) => (q.key === null ? [] : [q.key]));
}

/**
 * Decides every append of the group in queue order, as if each ran alone one after the other:
 * a known key replays (or is refused for another request hash), a wrong expected version is refused
 * against the versions the earlier appends of the group leave behind, everything else gets the next
 * consecutive positions. A refused append takes nothing: its neighbours' positions stay gap-free.
 */
export function planGroup(group: QueuedAppend[], state: GroupState, head: number): { outcomes: GroupOutcome[]; write: GroupWrite } {
  const versions = new Map(state.versions);
  const write: GroupWrite = {
    columns: { positions: [], ids: [], streamIds: [], versions: [], types: [], schemaVersions: [], data: [], metadata: [], canonical: [] },
    keys: [],
    requestHashes: [],
    results: [],
    lastPosition: head,
  };
  const outcomes = group.map((queued): GroupOutcome => {
    const { appends, key, requestHash } = queued;
    if (key !== null) {
      const stored = state.stored.get(key);
      if (stored) {
        if (requestHash !== null && stored.requestHash !== null && stored.requestHash !== requestHash) {
          return { ok: false, error: new IdempotencyKeyReusedError(key) };
        }
        return { ok: true, result: replayedResult(stored.result) };
      }
    }
    try {
      checkExpectedVersions(appends, versions);
    } catch (error) {
      return { ok: false, error };
    }
    const { result, columns } = planAppend(appends, versions, write.lastPosition + countEvents(appends));
    for (const [streamId, version] of Object.entries(result.streamVersions)) versions.set(streamId, version);
    // concat, not push(...): a bulk append has more rows than a call may have arguments.
    for (const name of Object.keys(columns) as Array<keyof EventColumns>)
      (write.columns[name] as unknown[]) = (write.columns[name] as unknown[]).concat(columns[name]);
    write.lastPosition = result.lastPosition;
    if (key !== null) {
      write.keys.push(key);
      write.requestHashes.push(requestHash);
      write.results.push(JSON.stringify(storedResult(result)));
    }
    return { ok: true, result };
  });
  return { outcomes, write };
}
