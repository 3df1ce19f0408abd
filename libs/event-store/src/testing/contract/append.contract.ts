import { DuplicateEventIdError, WrongExpectedVersionError } from '../../port/errors';
import type { EventMetadata } from '../../port/event-store.port';
import {
  type ContractContext,
  newEvent,
  newEvents,
  positionsOf,
  range,
  RECORDED_AT,
  sampleMetadata,
  streamName,
  versionsOf,
} from './fixtures';

export function appendContract(ctx: ContractContext): void {
  describe('append', () => {
    it('appends events and reads them back unchanged, with versions 1..n and ascending positions', async () => {
      const { store } = ctx;
      const base = await store.headPosition();
      const s = streamName();
      const events = [
        newEvent({ paguId: 'P-1', amount: '1500000000.00', nested: { lines: ['a', 'b'], flag: true, none: null, n: 12.5 } }, 'pagu.set'),
        // Characters that break naive quoting: quotes, backslashes, braces, commas, non-ASCII.
        newEvent({ note: 'Belanja "modal" \\ {ATK}, Rp 1.000,00 — ✓ ñ', empty: '', list: [] }, 'pagu.noted'),
        { ...newEvent({ amount: '-250000.50' }, 'pagu.changed'), schemaVersion: 2 },
        newEvent({}, 'pagu.locked'),
      ];
      const result = await store.append(s, 'no_stream', events);

      expect(result).toEqual({
        events: events.map((e, i) => ({ id: e.id, streamId: s, version: i + 1, position: base + i + 1 })),
        streamVersions: { [s]: 4 },
        firstPosition: base + 1,
        lastPosition: base + 4,
        replayed: false,
      });
      const read = await store.readStream(s);
      expect(
        read.map(({ id, type, schemaVersion, data, metadata, streamId }) => ({ id, type, schemaVersion, data, metadata, streamId })),
      ).toEqual(events.map(({ id, type, schemaVersion, data, metadata }) => ({ id, type, schemaVersion, data, metadata, streamId: s })));
      expect(versionsOf(read)).toEqual([1, 2, 3, 4]);
      expect(positionsOf(read)).toEqual(range(base + 1, base + 4));
      expect(await store.streamVersion(s)).toBe(4);
      expect(await store.headPosition()).toBe(base + 4);
    });

    it('accepts an exact expected version, and 0 as "no stream"', async () => {
      const { store } = ctx;
      const s = streamName();
      await store.append(s, 0, newEvents(2));
      const result = await store.append(s, 2, newEvents(1));
      expect(result.events[0].version).toBe(3);
      expect(result.streamVersions).toEqual({ [s]: 3 });
      expect(versionsOf(await store.readStream(s))).toEqual([1, 2, 3]);
    });

    it("'any' skips the check, for a new and an existing stream", async () => {
      const { store } = ctx;
      const s = streamName();
      await store.append(s, 'any', newEvents(1));
      const result = await store.append(s, 'any', newEvents(2));
      expect(versionsOf(result.events)).toEqual([2, 3]);
    });

    it('refuses a wrong expected version with the actual version, and writes nothing', async () => {
      const { store } = ctx;
      const s = streamName();
      await store.append(s, 'no_stream', newEvents(2));
      const head = await store.headPosition();
      const attempts: [string, number | 'no_stream', number][] = [
        [s, 1, 2],
        [s, 3, 2],
        [s, 'no_stream', 2],
        [streamName('missing'), 5, 0],
      ];
      for (const [streamId, expected, actual] of attempts) {
        const lost = newEvent();
        const error = await store.append(streamId, expected, [lost]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamId, expected, actual });
        expect(await store.findEvent(lost.id)).toBeNull();
      }
      expect(await store.headPosition()).toBe(head);
      expect(await store.streamVersion(s)).toBe(2);
    });

    it('an empty append checks the expected version and writes nothing', async () => {
      const { store } = ctx;
      const s = streamName();
      const head = await store.headPosition();
      const result = await store.append(s, 'no_stream', []);
      expect(result).toEqual({ events: [], streamVersions: { [s]: 0 }, firstPosition: head + 1, lastPosition: head, replayed: false });
      await store.append(s, 'no_stream', newEvents(1));
      await expect(store.append(s, 'no_stream', [])).rejects.toMatchObject({ actual: 1 });
      expect(await store.headPosition()).toBe(head + 1);
    });

    it('refuses a duplicate event id, in the store or in the request, and writes nothing', async () => {
      const { store } = ctx;
      const first = newEvent();
      await store.append(streamName(), 'no_stream', [first]);
      const head = await store.headPosition();
      const innocent = newEvent();
      const other = streamName();
      const error = await store.append(other, 'no_stream', [innocent, { ...newEvent(), id: first.id }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ eventId: first.id });
      const twice = newEvent();
      await expect(store.append(other, 'no_stream', [twice, { ...twice }])).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.findEvent(innocent.id)).toBeNull();
      expect(await store.findEvent(twice.id)).toBeNull();
      expect(await store.streamVersion(other)).toBe(0);
      expect(await store.headPosition()).toBe(head);
    });

    it('appendMany commits several streams in one transaction with consecutive positions', async () => {
      const { store } = ctx;
      const base = await store.headPosition();
      const [a, b] = [streamName('a'), streamName('b')];
      await store.append(b, 'no_stream', newEvents(1));
      const result = await store.appendMany([
        { streamId: a, expectedVersion: 'no_stream', events: newEvents(2) },
        { streamId: b, expectedVersion: 1, events: newEvents(1) },
      ]);
      expect(result.streamVersions).toEqual({ [a]: 2, [b]: 2 });
      expect(result.events.map((e) => [e.streamId, e.version, e.position])).toEqual([
        [a, 1, base + 2],
        [a, 2, base + 3],
        [b, 2, base + 4],
      ]);
      expect([result.firstPosition, result.lastPosition]).toEqual([base + 2, base + 4]);
      expect(positionsOf(await store.readStream(b))).toEqual([base + 1, base + 4]);
    });

    it('appendMany writes nothing when one stream has the wrong expected version', async () => {
      const { store } = ctx;
      const [a, b] = [streamName('a'), streamName('b')];
      await store.append(b, 'no_stream', newEvents(1));
      const head = await store.headPosition();
      const attempt = store.appendMany([
        { streamId: a, expectedVersion: 'no_stream', events: newEvents(2) },
        { streamId: b, expectedVersion: 0, events: newEvents(1) },
      ]);
      await expect(attempt).rejects.toMatchObject({ name: 'WrongExpectedVersionError', streamId: b, actual: 1 });
      expect(await store.streamVersion(a)).toBe(0);
      expect(await store.streamVersion(b)).toBe(1);
      expect(await store.headPosition()).toBe(head);
    });

    it('appendMany refuses the same stream twice in one call', async () => {
      const { store } = ctx;
      const s = streamName();
      const head = await store.headPosition();
      const attempt = store.appendMany([
        { streamId: s, expectedVersion: 'any', events: newEvents(1) },
        { streamId: s, expectedVersion: 'any', events: newEvents(1) },
      ]);
      await expect(attempt).rejects.toThrow(/more than once/);
      expect(await store.headPosition()).toBe(head);
    });

    it('sets recordedAt itself: UTC with microseconds, now, never decreasing in position order', async () => {
      const { store } = ctx;
      const base = await store.headPosition();
      const forged = { ...sampleMetadata, recordedAt: '2000-01-01T00:00:00.000000Z' } as EventMetadata;
      const before = Date.now();
      for (let i = 0; i < 5; i++) {
        await store.append(streamName(), 'no_stream', [{ ...newEvent(), metadata: forged }, newEvent()]);
      }
      const events = await store.readAll({ after: base });
      expect(events).toHaveLength(10);
      for (const { recordedAt } of events) {
        expect(recordedAt).toMatch(RECORDED_AT);
        // Generous: the database clock may differ a little from ours.
        expect(Math.abs(Date.parse(recordedAt) - before)).toBeLessThan(5 * 60_000);
      }
      const times = events.map((e) => e.recordedAt); // fixed-width ISO: string order is time order
      expect([...times].sort()).toEqual(times);
    });
  });
}
