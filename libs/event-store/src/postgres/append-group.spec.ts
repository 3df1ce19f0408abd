import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '../port/errors';
import { planGroup, takeGroup, type QueuedAppend } from './append-group';
import { prepareAppends } from './append-plan';
import { newEvents } from '../testing/contract/fixtures';

function queued(
  streamId: string,
  expectedVersion: number | 'any' | 'no_stream',
  events: number,
  key: string | null = null,
  requestHash: string | null = null,
): QueuedAppend {
  const appends = prepareAppends([{ streamId, expectedVersion, events: newEvents(events) }]);
  return { appends, key, requestHash, eventCount: events, resolve: () => undefined, reject: () => undefined };
}

describe('takeGroup', () => {
  it('takes calls in order up to the call and event limits; a first call bigger than the limit goes alone', () => {
    const queue = [queued('a', 'any', 3), queued('b', 'any', 3), queued('c', 'any', 3), queued('d', 'any', 1)];
    expect(takeGroup(queue, 10, 6).map((q) => q.appends[0].streamId)).toEqual(['a', 'b']);
    expect(takeGroup(queue, 1, 100).map((q) => q.appends[0].streamId)).toEqual(['c']);
    const big = [queued('big', 'any', 50), queued('e', 'any', 1)];
    expect(takeGroup(big, 10, 10).map((q) => q.appends[0].streamId)).toEqual(['big']);
    expect(big.map((q) => q.appends[0].streamId)).toEqual(['e']);
  });

  it('leaves a second call with the same idempotency key for the next group, keeping the order of the rest', () => {
    const queue = [queued('a', 'any', 1, 'k1'), queued('b', 'any', 1, 'k1'), queued('c', 'any', 1, 'k2')];
    expect(takeGroup(queue, 10, 100).map((q) => q.appends[0].streamId)).toEqual(['a', 'c']);
    expect(queue.map((q) => q.appends[0].streamId)).toEqual(['b']);
  });
});

describe('planGroup', () => {
  it('decides each call as if it ran alone: versions move within the group, refusals take no position', () => {
    const group = [queued('s', 2, 1), queued('s', 2, 1), queued('s', 3, 2), queued('t', 'no_stream', 1)];
    const { outcomes, write } = planGroup(
      group,
      {
        versions: new Map([
          ['s', 2],
          ['t', 0],
        ]),
        stored: new Map(),
      },
      10,
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true]);
    expect(!outcomes[1].ok && outcomes[1].error).toEqual(new WrongExpectedVersionError('s', 2, 3));
    expect(outcomes.flatMap((o) => (o.ok ? o.result.events.map((e) => [e.streamId, e.version, e.position]) : []))).toEqual([
      ['s', 3, 11],
      ['s', 4, 12],
      ['s', 5, 13],
      ['t', 1, 14],
    ]);
    expect(write.columns.positions).toEqual([11, 12, 13, 14]);
    expect(write.lastPosition).toBe(14);
  });

  it('replays a stored key, refuses it for another request hash, and records new keys with their results', () => {
    const stored = { requestHash: 'h1', result: { events: [], streamVersions: { x: 1 }, firstPosition: 3, lastPosition: 3 } };
    const group = [queued('a', 'any', 1, 'old', 'h1'), queued('b', 'any', 1, 'old2', 'other'), queued('c', 'any', 2, 'new', 'h3')];
    const { outcomes, write } = planGroup(
      group,
      {
        versions: new Map(),
        stored: new Map([
          ['old', stored],
          ['old2', stored],
        ]),
      },
      5,
    );
    expect(outcomes[0]).toEqual({ ok: true, result: { ...stored.result, replayed: true } });
    expect(!outcomes[1].ok && outcomes[1].error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(outcomes[2].ok && [outcomes[2].result.firstPosition, outcomes[2].result.lastPosition]).toEqual([6, 7]);
    expect(write.keys).toEqual(['new']);
    expect(write.requestHashes).toEqual(['h3']);
    expect(JSON.parse(write.results[0])).toMatchObject({ firstPosition: 6, lastPosition: 7 });
  });
});
