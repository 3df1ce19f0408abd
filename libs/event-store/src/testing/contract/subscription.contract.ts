import type { RecordedEvent, Subscription } from '../../port/event-store.port';
import { type ContractContext, newEvents, positionsOf, range, streamName, waitFor } from './fixtures';

export function subscriptionContract(ctx: ContractContext): void {
  describe('subscribeToAll', () => {
    const running: Subscription[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((s) => s.stop()));
    });

    function collect(after: number, batchSize?: number): { received: RecordedEvent[]; batches: number[]; subscription: Subscription } {
      const received: RecordedEvent[] = [];
      const batches: number[] = [];
      const subscription = ctx.store.subscribeToAll({
        after,
        batchSize,
        handler: async (events) => {
          batches.push(events.length);
          received.push(...events);
        },
      });
      running.push(subscription);
      return { received, batches, subscription };
    }

    it('delivers history, then live events, once each and in order; stop() ends delivery', async () => {
      const { store } = ctx;
      const base = await store.headPosition();
      const s = streamName();
      await store.append(s, 'no_stream', newEvents(3));
      await store.append(streamName(), 'no_stream', newEvents(2));

      const { received, batches, subscription } = collect(base, 2);
      await subscription.caughtUp;
      expect(positionsOf(received)).toEqual(range(base + 1, base + 5));
      expect(Math.max(...batches)).toBeLessThanOrEqual(2);
      expect(subscription.position).toBe(base + 5);

      await store.append(s, 3, newEvents(2));
      await store.appendMany([{ streamId: streamName(), expectedVersion: 'no_stream', events: newEvents(1) }]);
      await waitFor(() => received.length >= 8, 'live events');
      expect(positionsOf(received)).toEqual(range(base + 1, base + 8));
      expect(subscription.position).toBe(base + 8);

      await subscription.stop();
      await store.append(s, 5, newEvents(1));
      // A second subscription proves the event was deliverable; the stopped one must not see it.
      const witness = collect(base + 8);
      await waitFor(() => witness.received.length === 1, 'the witness subscription');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toHaveLength(8);
    });

    it('starts strictly after the given position and catches up on an idle log', async () => {
      const { store } = ctx;
      const base = await store.headPosition();
      await store.append(streamName(), 'no_stream', newEvents(4));
      const { received, subscription } = collect(base + 2);
      await subscription.caughtUp;
      expect(positionsOf(received)).toEqual([base + 3, base + 4]);

      const idle = collect(base + 4);
      await idle.subscription.caughtUp;
      expect(idle.received).toEqual([]);
      expect(idle.subscription.position).toBe(base + 4);
    });

    it('a failing handler is reported to onError and retried from the same position until it succeeds', async () => {
      const { store } = ctx;
      const base = await store.headPosition();
      await store.append(streamName(), 'no_stream', newEvents(2));
      const failure = new Error('projection failed');
      const errors: unknown[] = [];
      const received: RecordedEvent[] = [];
      let failuresLeft = 2;
      const subscription = store.subscribeToAll({
        after: base,
        retry: { initialDelayMs: 5, maxDelayMs: 20 },
        handler: async (events) => {
          if (failuresLeft-- > 0) throw failure;
          received.push(...events);
        },
        onError: (error) => errors.push(error),
        onRecovered: () => undefined,
      });
      running.push(subscription);
      await subscription.caughtUp;
      expect(errors).toEqual([failure, failure]);
      expect(positionsOf(received)).toEqual([base + 1, base + 2]);
      expect(subscription.position).toBe(base + 2);
    });
  });
}
