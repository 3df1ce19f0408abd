import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '../port/errors';
import { newEvent } from '../testing/contract/fixtures';
import type { QueuedAppend } from './append-group';
import { appendGroupFunctionValues, groupFunctionOutcomes, type AppendGroupFunctionRow } from './append-group-function';
import { leafTextAround } from './append-function';
import { countEvents, prepareAppends } from './append-plan';
import type { StreamAppend } from '../port/event-store.port';

function queued(appends: StreamAppend[], key: string | null = null, requestHash: string | null = null): QueuedAppend {
  const prepared = prepareAppends(appends);
  return { appends: prepared, key, requestHash, eventCount: countEvents(prepared), resolve: () => undefined, reject: () => undefined };
}

describe('appendGroupFunctionValues', () => {
  it('numbers the calls, their stream entries (a stream shared by calls has one slot) and each event by its entry and place', () => {
    const group = [
      queued([{ streamId: 'a', expectedVersion: 'no_stream', events: [newEvent(), newEvent()] }], 'k1', 'h1'),
      queued([
        { streamId: 'b', expectedVersion: 'any', events: [] },
        { streamId: 'a', expectedVersion: 2, events: [newEvent()] },
      ]),
      queued([]),
      queued([{ streamId: 'c', expectedVersion: 7, events: [newEvent()] }], 'k3'),
    ];
    const values = appendGroupFunctionValues(group);
    const [keys, requestHashes, callEntries, callEvents, streams, entrySlots, expected, counts, eventEntries, offsets, ids] = values;
    expect({ keys, requestHashes, callEntries, callEvents, streams, entrySlots, expected, counts, eventEntries, offsets }).toEqual({
      keys: ['k1', null, null, 'k3'],
      requestHashes: ['h1', null, null, null],
      callEntries: [1, 2, 0, 1],
      callEvents: [2, 1, 0, 1],
      streams: ['a', 'b', 'c'],
      entrySlots: [1, 2, 1, 3],
      expected: [0, null, 2, 7],
      counts: [2, 0, 1, 1],
      eventEntries: [1, 1, 3, 4],
      offsets: [1, 2, 1, 1],
    });
    expect(ids).toEqual(group.flatMap((q) => q.appends.flatMap((a) => a.events.map((e) => e.id))));
    const [heads, tails] = values.slice(15) as string[][];
    expect(heads[2]).toBe(leafTextAround(group[1].appends[1].events[0], 'a').head);
    expect(tails[3]).toBe(leafTextAround(group[3].appends[0].events[0], 'c').tail);
    expect(values).toHaveLength(17);
  });
});

describe('groupFunctionOutcomes', () => {
  it("reads each call's answer against its own entries: positions, a conflict, a replay and a reused key", () => {
    const stored = { events: [], streamVersions: { x: 4 }, firstPosition: 3, lastPosition: 2 };
    const group = [
      queued([
        { streamId: 'a', expectedVersion: 1, events: [newEvent(), newEvent()] },
        { streamId: 'b', expectedVersion: 'any', events: [newEvent()] },
      ]),
      queued([{ streamId: 'a', expectedVersion: 1, events: [newEvent()] }]),
      queued([{ streamId: 'x', expectedVersion: 'any', events: [newEvent()] }], 'k-same', 'h'),
      queued([{ streamId: 'x', expectedVersion: 'any', events: [newEvent()] }], 'k-other', 'h'),
    ];
    const row: AppendGroupFunctionRow = {
      statuses: ['ok', 'conflict', 'replay', 'replay'],
      versions: [1, 5, 3, null, null],
      first_positions: ['10', '13', null, null],
      stored_request_hashes: [null, null, 'h', 'not-h'],
      stored_results: [null, null, stored, stored],
    };
    const [ok, conflict, replay, reused] = groupFunctionOutcomes(group, row);
    expect(ok).toEqual({
      ok: true,
      result: {
        events: [
          { id: group[0].appends[0].events[0].id, streamId: 'a', version: 2, position: 10 },
          { id: group[0].appends[0].events[1].id, streamId: 'a', version: 3, position: 11 },
          { id: group[0].appends[1].events[0].id, streamId: 'b', version: 6, position: 12 },
        ],
        streamVersions: { a: 3, b: 6 },
        firstPosition: 10,
        lastPosition: 12,
        replayed: false,
      },
    });
    expect(conflict).toMatchObject({ ok: false, error: expect.any(WrongExpectedVersionError) as unknown });
    expect((conflict as { error: WrongExpectedVersionError }).error).toMatchObject({ streamId: 'a', expected: 1, actual: 3 });
    expect(replay).toEqual({ ok: true, result: { ...stored, replayed: true } });
    expect(reused).toMatchObject({ ok: false, error: expect.any(IdempotencyKeyReusedError) as unknown });
  });
});
