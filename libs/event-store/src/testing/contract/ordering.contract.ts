import { WrongExpectedVersionError } from '../../port/errors';
import type { AppendResult, StreamAppend } from '../../port/event-store.port';
import { type ContractContext, newEvents, range, streamName } from './fixtures';

const WRITERS = 8;
const APPENDS_PER_WRITER = 40;

export function orderingContract(ctx: ContractContext): void {
  describe('global order under concurrency', () => {
    it('a reader polling "after the last position seen" sees every event once, gap-free, in order', async () => {
      const { store } = ctx;
      const base = await store.headPosition();
      const shared = streamName('shared'); // every writer also appends here, with 'any'
      let writing = true;

      // Each writer appends 1-3 events per call to its own stream, every 4th call also to the
      // shared stream in the same transaction, so transactions of different sizes interleave.
      async function writer(w: number): Promise<AppendResult[]> {
        const own = streamName(`writer${w}`);
        const results: AppendResult[] = [];
        for (let i = 0; i < APPENDS_PER_WRITER; i++) {
          const appends: StreamAppend[] = [
            { streamId: own, expectedVersion: i === 0 ? 'no_stream' : 'any', events: newEvents(1 + ((w + i) % 3)) },
          ];
          if (i % 4 === w % 4) appends.push({ streamId: shared, expectedVersion: 'any', events: newEvents(1) });
          results.push(await store.appendMany(appends));
        }
        return results;
      }

      const seen: { id: string; position: number; streamId: string; version: number }[] = [];
      let readsWhileWriting = 0;
      async function reader(): Promise<void> {
        let last = base;
        for (;;) {
          const stillWriting = writing;
          const batch = await store.readAll({ after: last, limit: 17 });
          for (const e of batch) seen.push({ id: e.id, position: e.position, streamId: e.streamId, version: e.version });
          if (batch.length > 0) {
            last = batch[batch.length - 1].position;
            if (stillWriting) readsWhileWriting += 1;
          } else if (!stillWriting) {
            return; // the writers had finished before this read began and it found nothing new
          } else {
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      }

      const readerDone = reader();
      // allSettled: a failing writer must not leave the others and the reader running past teardown.
      const settled = await Promise.allSettled(range(1, WRITERS).map(writer));
      writing = false;
      await readerDone;
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      const results = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));

      const written = results.flatMap((r) => r.events);
      const head = await store.headPosition();
      expect(head).toBe(base + written.length);
      // The reader saw exactly positions base+1..head: nothing skipped, nothing twice, in order.
      expect(seen.map((e) => e.position)).toEqual(range(base + 1, head));
      const writtenPosition = new Map(written.map((e) => [e.id, e.position]));
      expect(seen.every((e) => writtenPosition.get(e.id) === e.position)).toBe(true);
      expect(new Set(seen.map((e) => e.id)).size).toBe(written.length);
      // The test only proves something if reads overlapped the writes.
      expect(readsWhileWriting).toBeGreaterThan(1);

      // Stream versions are gap-free too, the contended shared stream included.
      const versions = new Map<string, number[]>();
      for (const e of seen) versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.version]);
      expect(versions.size).toBe(WRITERS + 1);
      for (const [, vs] of versions) expect(vs).toEqual(range(1, vs.length));
    });

    it('of concurrent appends expecting the same version, exactly one wins', async () => {
      const { store } = ctx;
      const s = streamName();
      await store.append(s, 'no_stream', newEvents(1));
      const outcomes = await Promise.allSettled(range(1, 6).map(() => store.append(s, 1, newEvents(2))));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      for (const error of lost) {
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ expected: 1, actual: 3 });
      }
      expect(await store.streamVersion(s)).toBe(3);
    });
  });
}
