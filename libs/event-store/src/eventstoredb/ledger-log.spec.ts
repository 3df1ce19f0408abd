import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, IdempotencyKeyReusedError, WrongExpectedVersionError } from '../port/errors';
import type { AppendResult, NewEvent, StreamAppend } from '../port/event-store.port';
import { eventHash, GENESIS_HASH } from '../integrity/event-hash';
import { formatMicros, LedgerLogIndex, parseMicros, toRecordedEvent, type LogRecord, type PlannedAppend } from './ledger-log';

const T0 = 1_700_000_000_000_000n; // microseconds

function event(amount = '1000.00'): NewEvent {
  return {
    id: randomUUID(),
    type: 'pagu.changed',
    schemaVersion: 1,
    data: { amount },
    metadata: { actor: 'keuangan', correlationId: randomUUID(), effectiveDate: '2022-11-08', reason: 'DID' },
  };
}

/** Plans an append and applies its records, as the adapter does after a successful write. */
function write(
  index: LedgerLogIndex,
  appends: StreamAppend[],
  now = T0,
  key?: string,
  requestHash?: string,
): { planned: PlannedAppend; records: LogRecord[] } {
  const planned = index.plan(appends, { idempotencyKey: key, requestHash }, now);
  if ('replay' in planned) throw new Error('unexpected replay');
  // What EventStoreDB hands back: the same JSON, parsed again.
  const records = planned.records.map((r) => JSON.parse(JSON.stringify(r)) as LogRecord);
  for (const record of records) index.apply(record);
  return { planned, records };
}

describe('LedgerLogIndex: the EventStoreDB log as the ledger', () => {
  it('gives gap-free positions across streams, versions per stream, and an atomic multi-stream append', () => {
    const index = new LedgerLogIndex();
    write(index, [{ streamId: 'a', expectedVersion: 'no_stream', events: [event(), event()] }]);
    const { planned } = write(index, [
      { streamId: 'b', expectedVersion: 0, events: [event()] },
      { streamId: 'a', expectedVersion: 2, events: [event()] },
    ]);
    expect(planned.expectedLogRevision).toBe(1);
    expect(planned.result.events.map((e) => [e.streamId, e.version, e.position])).toEqual([
      ['b', 1, 3],
      ['a', 3, 4],
    ]);
    expect(planned.result).toMatchObject({ firstPosition: 3, lastPosition: 4, streamVersions: { a: 3, b: 1 }, replayed: false });
    expect(index.headPosition).toBe(4);
    expect(index.streamPositions('a')).toEqual([1, 2, 4]);
  });

  it('chains hashes exactly as the PostgreSQL store does (docs/verification.md)', () => {
    const index = new LedgerLogIndex();
    const { records } = write(index, [{ streamId: 'a', expectedVersion: 'no_stream', events: [event(), event('5627000000.00')] }]);
    let previous: Buffer = GENESIS_HASH;
    for (const record of records) {
      expect(record.metadata.ledger.previousHash).toBe(previous.toString('hex'));
      const hash = eventHash(toRecordedEvent(record), previous);
      expect(record.metadata.ledger.hash).toBe(hash.toString('hex'));
      previous = hash;
    }
    const { records: next } = write(index, [{ streamId: 'b', expectedVersion: 'any', events: [event()] }]);
    expect(next[0].metadata.ledger.previousHash).toBe(previous.toString('hex'));
  });

  it('refuses a wrong expected version and a duplicate id without changing the index', () => {
    const index = new LedgerLogIndex();
    const first = event();
    write(index, [{ streamId: 'a', expectedVersion: 'no_stream', events: [first] }]);
    expect(() => index.plan([{ streamId: 'a', expectedVersion: 'no_stream', events: [event()] }], {}, T0)).toThrow(
      WrongExpectedVersionError,
    );
    expect(() => index.plan([{ streamId: 'a', expectedVersion: 3, events: [event()] }], {}, T0)).toThrow(
      expect.objectContaining({ streamId: 'a', expected: 3, actual: 1 }),
    );
    expect(() =>
      index.plan([{ streamId: 'b', expectedVersion: 'any', events: [{ ...event(), id: first.id.toUpperCase() }] }], {}, T0),
    ).toThrow(DuplicateEventIdError);
    const twice = event();
    expect(() => index.plan([{ streamId: 'b', expectedVersion: 'any', events: [twice, twice] }], {}, T0)).toThrow(DuplicateEventIdError);
    expect(() =>
      index.plan(
        [
          { streamId: 'b', expectedVersion: 'any', events: [] },
          { streamId: 'b', expectedVersion: 'any', events: [] },
        ],
        {},
        T0,
      ),
    ).toThrow(/more than once/);
    expect(index.headPosition).toBe(1);
    expect(index.streamVersion('b')).toBe(0);
  });

  it('replays an idempotency key with its first result, and refuses it for another request', () => {
    const index = new LedgerLogIndex();
    const { planned } = write(index, [{ streamId: 'a', expectedVersion: 'no_stream', events: [event()] }], T0, 'k-1', 'h-1');
    const again = index.plan(
      [{ streamId: 'a', expectedVersion: 'no_stream', events: [event()] }],
      { idempotencyKey: 'k-1', requestHash: 'h-1' },
      T0,
    );
    const first: AppendResult = planned.result;
    expect(again).toEqual({ replay: { ...first, replayed: true } });
    expect(() =>
      index.plan([{ streamId: 'a', expectedVersion: 'any', events: [event()] }], { idempotencyKey: 'k-1', requestHash: 'other' }, T0),
    ).toThrow(IdempotencyKeyReusedError);
    expect(index.findByIdempotencyKey('k-1')).toMatchObject({ lastPosition: 1, replayed: true, requestHash: 'h-1' });
  });

  it('records time in microseconds that never goes backwards along the log, whatever the writer clock says', () => {
    const index = new LedgerLogIndex();
    const { records: a } = write(index, [{ streamId: 'a', expectedVersion: 'any', events: [event()] }], T0 + 5n);
    const { records: b } = write(index, [{ streamId: 'a', expectedVersion: 'any', events: [event()] }], T0 - 1_000_000n);
    expect(a[0].metadata.ledger.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(b[0].metadata.ledger.recordedAt).toBe(a[0].metadata.ledger.recordedAt);
    expect(parseMicros(formatMicros(T0 + 123n))).toBe(T0 + 123n);
  });

  it('refuses a log that is out of order or not written by the ledger', () => {
    const index = new LedgerLogIndex();
    const { records } = write(new LedgerLogIndex(), [{ streamId: 'a', expectedVersion: 'any', events: [event(), event()] }]);
    expect(() => index.apply(records[1])).toThrow(/not in order at position 1/);
    expect(() => index.apply({ ...records[0], metadata: {} as never })).toThrow(/without a ledger envelope/);
  });
});
