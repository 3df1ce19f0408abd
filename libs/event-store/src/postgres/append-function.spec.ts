import fc from 'fast-check';
import { eventLeafText } from '../integrity/event-hash';
import type { RecordedEvent } from '../port/event-store.port';
import { appendFunctionValues, leafTextAround } from './append-function';
import { prepareAppends } from './append-plan';
import { newEvent, sampleMetadata } from '../testing/contract/fixtures';

describe('leafTextAround', () => {
  it('puts around the database-known members exactly the canonical leaf text the verifier hashes', () => {
    const data = { z: [1, 2.5, -0, 1e21, 'ü"\\\n'], a: { nested: null, b: true }, é: '\u2028 \ud83d\ude00' };
    const metadata = { ...sampleMetadata, reason: 'geser "pagu" ke ø' };
    const [append] = prepareAppends([
      {
        streamId: 'line-"ø"-1',
        expectedVersion: 'any',
        events: [{ id: '0D9B8D4E-1C6A-4C1B-9F55-2E0B1B1A7C3D', type: 'pagu.set', schemaVersion: 3, data, metadata }],
      },
    ]);
    const prepared = append.events[0];
    const event: RecordedEvent = {
      id: prepared.id,
      streamId: append.streamId,
      version: 12,
      position: 4097,
      type: prepared.type,
      schemaVersion: prepared.schemaVersion,
      data: JSON.parse(prepared.data) as RecordedEvent['data'],
      metadata: JSON.parse(prepared.metadata) as RecordedEvent['metadata'],
      recordedAt: '2026-12-05T15:01:02.123456Z',
    };
    const previous = Buffer.alloc(32, 0xab);
    const { head, tail } = leafTextAround(prepared, append.streamId);
    // What ledger_append concatenates (append-function.ts).
    const composed = `${head}4097,"previousHash":"${previous.toString('hex')}","recordedAt":"${event.recordedAt}"${tail}12}`;
    expect(composed).toBe(eventLeafText(event, previous));
  });
});

describe('leafTextAround of data and metadata serialised straight to RFC 8785 (prepareAppends)', () => {
  const object = fc.dictionary(fc.string(), fc.jsonValue({ depthSize: 'small' }));
  const prepare = (data: Record<string, unknown>, metadata: Record<string, unknown>, count = 1) =>
    prepareAppends([
      {
        streamId: 's',
        expectedVersion: 'any',
        events: Array.from({ length: count }, () => ({
          ...newEvent(data as RecordedEvent['data']),
          metadata: metadata as unknown as RecordedEvent['metadata'],
        })),
      },
    ])[0].events[0];

  it('writes the leaf text the old path (JSON.stringify, then JSON.parse and canonicalJson) wrote, and the same JSON value', () => {
    fc.assert(
      fc.property(object, object, (data, metadata) => {
        const fast = prepare(data, metadata);
        expect(fast.canonical).toBe(true);
        const old = { ...fast, data: JSON.stringify(data), metadata: JSON.stringify(metadata), canonical: false };
        expect(leafTextAround(fast, 's')).toEqual(leafTextAround(old, 's'));
        expect(JSON.parse(fast.data)).toEqual(JSON.parse(old.data));
        expect(JSON.parse(fast.metadata)).toEqual(JSON.parse(old.metadata));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps JSON.stringify for what is not plain JSON; big calls (bulk imports by COPY) get the canonical text too', () => {
    const withDate = prepare({ at: new Date(0) }, { ...sampleMetadata });
    expect(withDate).toMatchObject({ data: '{"at":"1970-01-01T00:00:00.000Z"}', canonical: false });
    expect(prepare({ b: 1, a: 2 }, { ...sampleMetadata }, 5000)).toMatchObject({ data: '{"a":2,"b":1}', canonical: true });
    expect(prepare({ b: 1, a: 2 }, { ...sampleMetadata }, 100)).toMatchObject({ data: '{"a":2,"b":1}', canonical: true });
  });
});

describe('appendFunctionValues', () => {
  it('numbers each event by its stream and its place in it, and sends no expected version for any', () => {
    const appends = prepareAppends([
      { streamId: 'a', expectedVersion: 'no_stream', events: [newEvent(), newEvent()] },
      { streamId: 'b', expectedVersion: 'any', events: [] },
      { streamId: 'c', expectedVersion: 4, events: [newEvent()] },
    ]);
    const [streams, expected, counts, key, requestHash, streamIdx, offsets] = appendFunctionValues(appends, 'k', 'h');
    expect({ streams, expected, counts, key, requestHash, streamIdx, offsets }).toEqual({
      streams: ['a', 'b', 'c'],
      expected: [0, null, 4],
      counts: [2, 0, 1],
      key: 'k',
      requestHash: 'h',
      streamIdx: [1, 1, 3],
      offsets: [1, 2, 1],
    });
  });
});
