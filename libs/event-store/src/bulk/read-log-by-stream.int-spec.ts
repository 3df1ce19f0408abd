import type { RecordedEvent } from '../port/event-store.port';
import { openTestStore, type TestStore } from '../testing/postgres-test-store';
import { newEvent, newEvents } from '../testing/contract/fixtures';
import { readLogByStream, readStreamsOfLog, type LoggedStream, type ReadLogByStreamOptions } from './read-log-by-stream';

describe('readLogByStream and readStreamsOfLog', () => {
  let ctx: TestStore;
  /** Streams of 1 to 9 events, appended interleaved (positions do not follow streams), and the head after them. */
  let head: number;
  const lengths: Record<string, number> = { 'line-b': 9, 'line-a': 1, 'office-x': 4, 'line-c': 7, 'line-d': 2 };

  beforeAll(async () => {
    ctx = await openTestStore(undefined, 2);
    for (let round = 0; round < 9; round++)
      for (const [streamId, length] of Object.entries(lengths))
        if (round < length)
          await ctx.store.append(streamId, round === 0 ? 'no_stream' : round, [
            // Data with what JSON must carry exactly: quotes, unicode, nesting, numbers as written.
            newEvent({ round, note: `"${streamId}" — ${round}\n`, nested: { list: [1, 2.5, null, true], text: 'Rp 1.000,00' } }),
          ]);
    head = await ctx.store.headPosition();
    // Appended after the head: never read.
    await ctx.store.append('line-a', 1, newEvents(2));
    await ctx.store.append('line-z', 'no_stream', newEvents(1));
  });
  afterAll(async () => ctx.teardown());

  /** The batches one of the readers gives, read in a transaction of their own. */
  async function readWith<T>(
    reader: (query: (sql: string, parameters?: unknown[]) => Promise<unknown[]>, options: ReadLogByStreamOptions) => AsyncGenerator<T>,
    options: Partial<ReadLogByStreamOptions>,
  ): Promise<T[]> {
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const batches: T[] = [];
      for await (const batch of reader(async (sql, parameters) => (await client.query(sql, parameters)).rows, { upTo: head, ...options }))
        batches.push(batch);
      await client.query('COMMIT');
      return batches;
    } finally {
      client.release();
    }
  }

  const read = (options: Partial<ReadLogByStreamOptions>): Promise<RecordedEvent[][]> => readWith(readLogByStream, options);

  /** readAll's events up to the head, in stream id order, each stream in version order. */
  async function expected(): Promise<RecordedEvent[]> {
    const all = (await ctx.store.readAll({ limit: 1000 })).filter((e) => e.position <= head);
    return all.sort((a, b) => (a.streamId === b.streamId ? a.version - b.version : a.streamId < b.streamId ? -1 : 1));
  }

  it.each([
    { batchSize: 1000 },
    { batchSize: 1 },
    { batchSize: 3 },
    { batchSize: 2, aggregateUpTo: 3 },
    { batchSize: 4, aggregateUpTo: 1 },
    { batchSize: 1000, aggregateUpTo: 2 },
  ])('reads what readAll reads, grouped by stream, in batches of about batchSize (%o)', async (options) => {
    const batches = await read(options);
    expect(batches.flat()).toEqual(await expected());
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
    // A batch holds fewer than batchSize events plus one stream's JSON array or one page of a stream past it.
    const most = Math.max(...Object.values(lengths));
    const limit = options.aggregateUpTo ?? Infinity;
    const extra = Math.max(Math.min(most, limit), limit < most ? options.batchSize : 0);
    for (const batch of batches) expect(batch.length).toBeLessThan(options.batchSize + extra);
  });

  it('refuses a batch size or an aggregation limit that is not a positive integer', async () => {
    await expect(read({ batchSize: 0 })).rejects.toThrow('batchSize must be a positive integer, got 0');
    await expect(read({ aggregateUpTo: 1.5 })).rejects.toThrow('aggregateUpTo must be a positive integer, got 1.5');
  });

  it.each([
    { batchSize: 1000 },
    { batchSize: 1 },
    { batchSize: 5 },
    { batchSize: 2, aggregateUpTo: 3 },
    { batchSize: 1000, aggregateUpTo: 1 },
  ])('readStreamsOfLog gives the same events as whole streams, parsed when asked for (%o)', async (options) => {
    const batches: LoggedStream[][] = await readWith(readStreamsOfLog, options);
    const streams = batches.flat();
    // Each stream once, whole, in id order, with its count known before parsing.
    expect(streams.map((s) => s.streamId)).toEqual(Object.keys(lengths).sort());
    for (const stream of streams) expect(stream.count).toBe(lengths[stream.streamId]);
    expect(streams.flatMap((s) => s.events())).toEqual(await expected());
    // Parsed anew at each call: a reader may change what it was given.
    const [first] = streams;
    expect(first.events()).toEqual(first.events());
    expect(first.events()[0]).not.toBe(first.events()[0]);
    // A batch is one FETCH, of as many streams as held about batchSize events in the FETCH before: never more
    // streams than batchSize (each holds an event at least).
    expect(batches.every((batch) => batch.length > 0 && batch.length <= options.batchSize)).toBe(true);
  });

  it('readStreamsOfLog refuses a batch size that is not a positive integer', async () => {
    await expect(readWith(readStreamsOfLog, { batchSize: -1 })).rejects.toThrow('batchSize must be a positive integer, got -1');
  });
});
