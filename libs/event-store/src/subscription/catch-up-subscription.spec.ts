import type { RecordedEvent } from '../port/event-store.port';
import { waitFor } from '../testing/contract/fixtures';
import { type CatchUpSource, CatchUpSubscription, type WakeSource } from './catch-up-subscription';

/** An in-memory log with a hand-driven wake source: no database, no poll unless asked for. */
function memoryLog(pollIntervalMs = 60_000) {
  const log: RecordedEvent[] = [];
  const listeners = new Set<() => void>();
  const wakeups: WakeSource = {
    add: async (listener) => void listeners.add(listener),
    remove: async (listener) => void listeners.delete(listener),
  };
  let reads = 0;
  const source: CatchUpSource = {
    read: async (after, limit) => {
      reads += 1;
      return log.filter((e) => e.position > after).slice(0, limit);
    },
    wakeups,
    pollIntervalMs,
    defaultBatchSize: 2,
  };
  const append = (count: number): void => {
    for (let i = 0; i < count; i++) {
      const position = log.length + 1;
      log.push({
        id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
        streamId: 's',
        version: position,
        position,
        type: 't',
        schemaVersion: 1,
        data: {},
        metadata: { actor: 'a', correlationId: 'c' },
        recordedAt: '2024-01-01T00:00:00.000000Z',
      });
    }
  };
  const notify = (): void => listeners.forEach((l) => l());
  return { source, append, notify, listeners, reads: () => reads };
}

describe('CatchUpSubscription', () => {
  it('delivers in batches, sleeps when caught up, and reads again when woken', async () => {
    const m = memoryLog();
    m.append(5);
    const batches: number[][] = [];
    const sub = new CatchUpSubscription(m.source, { after: 0, handler: async (es) => void batches.push(es.map((e) => e.position)) });
    await sub.caughtUp;
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    const reads = m.reads();
    m.append(1);
    m.notify();
    await waitFor(() => batches.length === 4, 'the woken read');
    expect(batches[3]).toEqual([6]);
    expect(m.reads()).toBe(reads + 1);
    await sub.stop();
    expect(m.listeners.size).toBe(0); // stop() unregisters from the wake source
  });

  it('polls when no wake-up comes', async () => {
    const m = memoryLog(20);
    const seen: number[] = [];
    const sub = new CatchUpSubscription(m.source, { after: 0, handler: async (es) => void seen.push(...es.map((e) => e.position)) });
    await sub.caughtUp;
    m.append(1); // no notify()
    await waitFor(() => seen.length === 1, 'the polled read');
    await sub.stop();
  });

  it('a wake-up during the handler is not lost', async () => {
    const m = memoryLog();
    m.append(1);
    const seen: number[] = [];
    const sub = new CatchUpSubscription(m.source, {
      after: 0,
      handler: async (es) => {
        seen.push(...es.map((e) => e.position));
        if (seen.length === 1) {
          m.append(1);
          m.notify(); // arrives while we are not sleeping
        }
      },
    });
    await waitFor(() => seen.length === 2, 'the event appended during the handler');
    await sub.stop();
  });

  it('stop() from inside the handler does not deadlock and ends delivery', async () => {
    const m = memoryLog();
    m.append(6);
    const seen: number[] = [];
    let stopped: Promise<void> | undefined;
    const sub = new CatchUpSubscription(m.source, {
      after: 0,
      handler: async (es) => {
        seen.push(...es.map((e) => e.position));
        stopped = sub.stop();
        await stopped;
      },
    });
    await waitFor(() => stopped !== undefined, 'the handler');
    await sub.stop();
    expect(seen).toEqual([1, 2]);
    expect(sub.position).toBe(2);
  });

  it('stopping before it caught up rejects caughtUp instead of leaving it pending', async () => {
    const m = memoryLog();
    m.append(4);
    let release: () => void = () => undefined;
    const sub = new CatchUpSubscription(m.source, {
      after: 0,
      handler: () => new Promise<void>((resolve) => (release = resolve)),
    });
    await waitFor(() => m.reads() === 1, 'the first read');
    const stopping = sub.stop();
    release();
    await stopping;
    await expect(sub.caughtUp).rejects.toThrow(/stopped before it caught up/);
  });

  it('a failing read or handler is retried with backoff from the same position, and the recovery is reported', async () => {
    const m = memoryLog();
    m.append(3);
    const seen: number[] = [];
    const retries: Array<{ attempt: number; position: number; delayMs: number }> = [];
    const recoveries: Array<{ attempts: number; position: number }> = [];
    let failuresLeft = 3;
    const sub = new CatchUpSubscription(m.source, {
      after: 0,
      retry: { initialDelayMs: 10, maxDelayMs: 40 },
      handler: async (es) => {
        if (es[0].position === 3 && failuresLeft-- > 0) throw new Error('Connection terminated unexpectedly');
        seen.push(...es.map((e) => e.position));
      },
      onError: (error, retry) => {
        expect(String(error)).toMatch(/Connection terminated/);
        retries.push(retry);
      },
      onRecovered: (recovery) => recoveries.push(recovery),
    });
    await sub.caughtUp;
    expect(seen).toEqual([1, 2, 3]); // the failed batch is delivered again, nothing skipped or repeated
    expect(retries.map((r) => [r.attempt, r.position])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
    ]);
    // equal jitter: between half and all of 10, 20, 40 ms
    retries.forEach((r, i) => expect(r.delayMs).toBeGreaterThanOrEqual((10 * 2 ** i) / 2));
    retries.forEach((r, i) => expect(r.delayMs).toBeLessThanOrEqual(10 * 2 ** i));
    expect(recoveries).toEqual([expect.objectContaining({ attempts: 3, position: 3 })]);
    await sub.stop();
  });

  it('without onError a failure is still reported, as a process warning, and stop() ends the backoff at once', async () => {
    const m = memoryLog();
    m.append(1);
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const sub = new CatchUpSubscription(m.source, {
        after: 0,
        name: 'projector plan',
        retry: { initialDelayMs: 60_000 },
        handler: async () => Promise.reject(new Error('boom')),
      });
      await waitFor(() => warn.mock.calls.length === 1, 'the warning');
      const started = Date.now();
      await sub.stop();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/subscription "projector plan" failed at position 0 \(attempt 1\): Error: boom; retrying in \d+ ms/),
      );
      await expect(sub.caughtUp).rejects.toThrow(/stopped before it caught up/);
    } finally {
      warn.mockRestore();
    }
  });

  it('wake-ups do not shorten the backoff after a failed read (retrying and recovery: see above)', async () => {
    const m = memoryLog();
    m.append(2);
    let failedReads = 0;
    m.source.read = async () => {
      failedReads += 1;
      throw new Error('ECONNREFUSED');
    };
    const sub = new CatchUpSubscription(m.source, {
      after: 0,
      // A backoff of at least 30 s: no wait below can reach it, however slow the machine.
      retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      handler: async () => undefined,
      onError: () => undefined,
    });
    await waitFor(() => failedReads === 1, 'the first failed read');
    for (let i = 0; i < 20; i++) m.notify();
    await new Promise((resolve) => setTimeout(resolve, 50)); // time for the wake-ups to be handled
    expect(failedReads).toBe(1);
    await sub.stop(); // ends the backoff at once
    expect(failedReads).toBe(1);
  });

  it('refuses a negative start position and a zero batch size', () => {
    const m = memoryLog();
    const handler = async (): Promise<void> => undefined;
    expect(() => new CatchUpSubscription(m.source, { after: -1, handler })).toThrow(TypeError);
    expect(() => new CatchUpSubscription(m.source, { after: 0, batchSize: 0, handler })).toThrow(TypeError);
  });
});
