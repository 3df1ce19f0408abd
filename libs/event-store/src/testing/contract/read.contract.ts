import { randomUUID } from 'node:crypto';
import { type ContractContext, newEvents, positionsOf, range, streamName, versionsOf } from './fixtures';

export function readContract(ctx: ContractContext): void {
  describe('read', () => {
    it('reads a stream from a version (inclusive) and with a limit', async () => {
      const { store } = ctx;
      const s = streamName();
      await store.append(s, 'no_stream', newEvents(3));
      await store.append(streamName('other'), 'no_stream', newEvents(2));
      await store.append(s, 3, newEvents(2));

      expect(versionsOf(await store.readStream(s))).toEqual([1, 2, 3, 4, 5]);
      expect(versionsOf(await store.readStream(s, { fromVersion: 3 }))).toEqual([3, 4, 5]);
      expect(versionsOf(await store.readStream(s, { limit: 2 }))).toEqual([1, 2]);
      expect(versionsOf(await store.readStream(s, { fromVersion: 2, limit: 2 }))).toEqual([2, 3]);
      expect(await store.readStream(s, { fromVersion: 6 })).toEqual([]);
      expect((await store.readStream(s)).every((e) => e.streamId === s)).toBe(true);
    });

    it('reads many whole streams at once: each as readStream reads it, an unknown one as empty', async () => {
      const { store } = ctx;
      const [a, b, unknown] = [streamName('a'), streamName('b'), streamName('unknown')];
      await store.append(a, 'no_stream', newEvents(3));
      await store.append(b, 'no_stream', newEvents(2));
      await store.append(a, 3, newEvents(1));
      const streams = await store.readStreams([b, unknown, a, b]);
      expect([...streams.keys()].sort()).toEqual([a, b, unknown].sort());
      expect(streams.get(a)).toEqual(await store.readStream(a));
      expect(streams.get(b)).toEqual(await store.readStream(b));
      expect(versionsOf(streams.get(a)!)).toEqual([1, 2, 3, 4]);
      expect(streams.get(unknown)).toEqual([]);
      expect((await store.readStreams([])).size).toBe(0);
    });

    it('reads an unknown stream as empty, at version 0', async () => {
      const { store } = ctx;
      const s = streamName('unknown');
      expect(await store.readStream(s)).toEqual([]);
      expect(await store.streamVersion(s)).toBe(0);
    });

    it('reads the global log in batches after a position, across streams', async () => {
      const { store } = ctx;
      const base = await store.headPosition();
      const [a, b] = [streamName('a'), streamName('b')];
      await store.append(a, 'no_stream', newEvents(2));
      await store.append(b, 'no_stream', newEvents(3));
      await store.append(a, 2, newEvents(2));

      const all = await store.readAll({ after: base });
      expect(positionsOf(all)).toEqual(range(base + 1, base + 7));
      expect(all.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.version}`)).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'a3', 'a4']);

      const batches: number[][] = [];
      for (let after = base; ;) {
        const batch = await store.readAll({ after, limit: 3 });
        if (batch.length === 0) break;
        batches.push(positionsOf(batch));
        after = batch[batch.length - 1].position;
      }
      expect(batches).toEqual([range(base + 1, base + 3), range(base + 4, base + 6), [base + 7]]);
      expect(positionsOf(await store.readAll({ after: base + 5, limit: 1 }))).toEqual([base + 6]);
    });

    it('finds an event by id, or null', async () => {
      const { store } = ctx;
      const s = streamName();
      const events = newEvents(2);
      const result = await store.append(s, 'no_stream', events);
      const found = await store.findEvent(events[1].id);
      expect(found).toMatchObject({
        id: events[1].id,
        streamId: s,
        version: 2,
        position: result.lastPosition,
        type: events[1].type,
        data: events[1].data,
        metadata: events[1].metadata,
      });
      expect(found).toEqual((await store.readStream(s, { fromVersion: 2 }))[0]);
      expect(await store.findEvent(randomUUID())).toBeNull();
    });
  });
}
