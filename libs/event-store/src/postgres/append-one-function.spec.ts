import { appendFunctionValues } from './append-function';
import type { QueuedAppend } from './append-group';
import { appendOneFunctionValues, isOneEvent } from './append-one-function';
import { prepareAppends } from './append-plan';
import type { StreamAppend } from '../port/event-store.port';
import { newEvent, newEvents } from '../testing/contract/fixtures';

function queued(appends: StreamAppend[], key: string | null = null, requestHash: string | null = null): QueuedAppend {
  const prepared = prepareAppends(appends);
  return { appends: prepared, key, requestHash, eventCount: 0, resolve: () => undefined, reject: () => undefined };
}

describe('ledger_append_one parameters', () => {
  it('are the single elements of what ledger_append gets, for each kind of expected version', () => {
    for (const expectedVersion of ['any', 'no_stream', 7] as const) {
      const call = queued([{ streamId: 'line-"ø"', expectedVersion, events: [newEvent({ amount: '1.50', note: 'ü"\\' })] }], 'k-1', 'h-1');
      const [streams, expected, , key, requestHash, , , ids, types, schemaVersions, data, metadata, heads, tails] = appendFunctionValues(
        call.appends,
        call.key,
        call.requestHash,
      ) as unknown[][];
      expect(appendOneFunctionValues(call)).toEqual([
        streams[0],
        expected[0],
        key,
        requestHash,
        ids[0],
        types[0],
        schemaVersions[0],
        data[0],
        metadata[0],
        heads[0],
        tails[0],
      ]);
    }
    expect(appendOneFunctionValues(queued([{ streamId: 's', expectedVersion: 'no_stream', events: newEvents(1) }]))[1]).toBe(0);
    expect(appendOneFunctionValues(queued([{ streamId: 's', expectedVersion: 'any', events: newEvents(1) }])).slice(1, 4)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('are for one stream with one event only', () => {
    expect(isOneEvent(queued([{ streamId: 's', expectedVersion: 'any', events: newEvents(1) }]))).toBe(true);
    expect(isOneEvent(queued([{ streamId: 's', expectedVersion: 'any', events: newEvents(2) }]))).toBe(false);
    expect(isOneEvent(queued([{ streamId: 's', expectedVersion: 'any', events: [] }]))).toBe(false);
    expect(
      isOneEvent(
        queued([
          { streamId: 's', expectedVersion: 'any', events: [] },
          { streamId: 't', expectedVersion: 'any', events: newEvents(1) },
        ]),
      ),
    ).toBe(false);
  });
});
