import { randomUUID } from 'node:crypto';
import { IdempotencyKeyReusedError } from '../../port/errors';
import { type ContractContext, newEvents, streamName } from './fixtures';

export function idempotencyContract(ctx: ContractContext): void {
  describe('idempotency', () => {
    it('a repeated key returns the first result, marked replayed, and writes nothing', async () => {
      const { store } = ctx;
      const s = streamName();
      const key = `cmd-${randomUUID()}`;
      const events = newEvents(2);
      const first = await store.append(s, 'no_stream', events, { idempotencyKey: key, requestHash: 'h1' });
      const head = await store.headPosition();

      // The retry of the very same request: same event ids, an expected version that no longer holds.
      const retry = await store.append(s, 'no_stream', events, { idempotencyKey: key, requestHash: 'h1' });
      expect(retry).toEqual({ ...first, replayed: true });
      expect(first.replayed).toBe(false);

      // Without a hash on either side the key alone decides.
      const fresh = newEvents(1);
      const unhashed = await store.append(s, 'any', fresh, { idempotencyKey: key });
      expect(unhashed).toEqual({ ...first, replayed: true });
      expect(await store.findEvent(fresh[0].id)).toBeNull();

      expect(await store.headPosition()).toBe(head);
      expect(await store.streamVersion(s)).toBe(2);
      expect(await store.findByIdempotencyKey(key)).toEqual({ ...first, replayed: true, requestHash: 'h1' });
      expect(await store.findByIdempotencyKey(`cmd-${randomUUID()}`)).toBeNull();
    });

    it('covers multi-stream appends too, with or without a request hash', async () => {
      const { store } = ctx;
      const key = `cmd-${randomUUID()}`;
      const appends = [
        { streamId: streamName('a'), expectedVersion: 'no_stream' as const, events: newEvents(1) },
        { streamId: streamName('b'), expectedVersion: 'no_stream' as const, events: newEvents(2) },
      ];
      const first = await store.appendMany(appends, { idempotencyKey: key });
      const head = await store.headPosition();
      expect(await store.appendMany(appends, { idempotencyKey: key })).toEqual({ ...first, replayed: true });
      expect(await store.headPosition()).toBe(head);
      expect(await store.findByIdempotencyKey(key)).toEqual({ ...first, replayed: true, requestHash: null });
    });

    it('refuses a known key with another request hash, and writes nothing', async () => {
      const { store } = ctx;
      const s = streamName();
      const key = `cmd-${randomUUID()}`;
      await store.append(s, 'no_stream', newEvents(1), { idempotencyKey: key, requestHash: 'h1' });
      const head = await store.headPosition();
      const error = await store.append(s, 'any', newEvents(1), { idempotencyKey: key, requestHash: 'h2' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(error).toMatchObject({ key });
      expect(await store.headPosition()).toBe(head);
    });

    it('a failed append does not use up its key', async () => {
      const { store } = ctx;
      const s = streamName();
      const key = `cmd-${randomUUID()}`;
      await expect(store.append(s, 7, newEvents(1), { idempotencyKey: key })).rejects.toMatchObject({ actual: 0 });
      expect(await store.findByIdempotencyKey(key)).toBeNull();
      const result = await store.append(s, 'no_stream', newEvents(1), { idempotencyKey: key });
      expect(result.replayed).toBe(false);
      expect(await store.streamVersion(s)).toBe(1);
    });
  });
}
