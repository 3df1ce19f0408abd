import { DuplicateEventIdError, WrongExpectedVersionError } from '../../port/errors';
import { type ContractContext, newEvent, newEvents, positionsOf, range, streamName } from './fixtures';

/**
 * Appends sent at the same moment: a store may commit them together (group commit), but each call
 * must behave as if it ran alone — refused calls write nothing and take no position, their
 * neighbours commit, and the log stays gap-free.
 */
export function groupCommitContract(ctx: ContractContext): void {
  describe('concurrent appends', () => {
    it('a refused call does not take its neighbours down or leave a gap', async () => {
      const { store } = ctx;
      const existing = newEvent();
      const taken = streamName('taken');
      await store.append(taken, 'no_stream', [existing]);
      const head = await store.headPosition();
      const good = [streamName('a'), streamName('b'), streamName('c')].map((s) => ({ s, events: newEvents(2) }));
      const stale = newEvent();
      const duplicate = newEvent();
      const settled = await Promise.allSettled([
        store.append(good[0].s, 'no_stream', good[0].events),
        store.append(taken, 'no_stream', [stale]), // wrong expected version
        store.append(good[1].s, 'no_stream', good[1].events),
        store.append(streamName('dup'), 'no_stream', [duplicate, { ...newEvent(), id: existing.id }]), // id already stored
        store.append(good[2].s, 'no_stream', good[2].events),
      ]);
      expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
      expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
      expect(await store.findEvent(stale.id)).toBeNull();
      expect(await store.findEvent(duplicate.id)).toBeNull();
      const written = settled.filter((r) => r.status === 'fulfilled').map((r) => r.value);
      expect(written.flatMap((r) => positionsOf(r.events)).sort((x, y) => x - y)).toEqual(range(head + 1, head + 6));
      expect(positionsOf(await store.readAll({ after: head }))).toEqual(range(head + 1, head + 6));
      expect(await store.headPosition()).toBe(head + 6);
      for (const { s, events } of good) expect((await store.readStream(s)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('of calls on one stream with the same expected version, exactly one wins', async () => {
      const { store } = ctx;
      const s = streamName();
      await store.append(s, 'no_stream', newEvents(1));
      const settled = await Promise.allSettled(Array.from({ length: 6 }, () => store.append(s, 1, newEvents(1))));
      expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of settled.filter((x) => x.status === 'rejected')) {
        expect(r.reason).toMatchObject({ name: 'WrongExpectedVersionError', actual: 2 });
      }
      expect(await store.streamVersion(s)).toBe(2);
    });

    it('calls on one stream chained by expected version all commit, in order', async () => {
      const { store } = ctx;
      const s = streamName();
      const results = await Promise.all([
        store.append(s, 'no_stream', newEvents(1)),
        store.append(s, 1, newEvents(2)),
        store.append(s, 3, newEvents(1)),
      ]);
      expect(results.map((r) => r.streamVersions[s])).toEqual([1, 3, 4]);
      expect((await store.readStream(s)).map((e) => e.version)).toEqual([1, 2, 3, 4]);
    });

    it('the same idempotency key sent twice at once writes once; both get the first result', async () => {
      const { store } = ctx;
      const s = streamName();
      const head = await store.headPosition();
      const key = `cmd-${s}`;
      const events = newEvents(2);
      const [a, b] = await Promise.all([
        store.append(s, 'no_stream', events, { idempotencyKey: key, requestHash: 'h' }),
        store.append(s, 'no_stream', events, { idempotencyKey: key, requestHash: 'h' }),
      ]);
      expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
      expect({ ...a, replayed: false }).toEqual({ ...b, replayed: false });
      expect(await store.headPosition()).toBe(head + 2);
    });
  });
}
