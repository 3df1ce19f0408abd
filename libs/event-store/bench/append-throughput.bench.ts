/**
 * Append throughput of PostgresEventStore: W concurrent writers, each appending in a loop for
 * a fixed time on its own stream, against the embedded test PostgreSQL (fsync=off,
 * synchronous_commit=off: it measures the serialised head, not the disk). Not part of the
 * normal test run (the name does not match testRegex); run it with
 *
 *   npx jest --testRegex 'bench\.ts$' libs/event-store/bench
 *
 * BENCH_SECONDS (default 10) and BENCH_WRITERS (default 8) override the defaults.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../src/port/event-store.port';
import type { PostgresEventStore } from '../src/postgres/postgres-event-store';
import { openTestStore } from '../src/testing/postgres-test-store';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);

function event(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'pagu.changed',
    schemaVersion: 1,
    data: { paguId: `P-${i}`, amount: '1250000000.00', previous: '1000000000.00', kodeRekening: '5.1.02.01.01.0024' },
    metadata: { actor: 'bench', correlationId: randomUUID(), effectiveDate: '2024-03-01', reason: 'benchmark' },
  };
}

async function run(
  store: PostgresEventStore,
  eventsPerAppend: number,
  withKey: boolean,
): Promise<{ appends: number; events: number; seconds: number }> {
  const deadline = Date.now() + SECONDS * 1000;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      const stream = `bench-${randomUUID()}`;
      let appends = 0;
      while (Date.now() < deadline) {
        const events = Array.from({ length: eventsPerAppend }, (_, i) => event(i));
        const options = withKey ? { idempotencyKey: randomUUID(), requestHash: 'bench' } : {};
        await store.append(stream, appends * eventsPerAppend, events, options);
        appends += 1;
      }
      return appends;
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const appends = counts.reduce((a, b) => a + b, 0);
  return { appends, events: appends * eventsPerAppend, seconds };
}

it(`append throughput: ${WRITERS} writers x ${SECONDS} s`, async () => {
  const { store, pool, teardown } = await openTestStore(undefined, WRITERS + 2);
  try {
    const lines: string[] = [];
    for (const [size, withKey] of [
      [1, false],
      [1, true],
      [10, false],
    ] as const) {
      const r = await run(store, size, withKey);
      lines.push(
        `${WRITERS} writers, ${size} event(s)/append${withKey ? ' + idempotency key' : ''}: ` +
          `${r.events} events in ${r.seconds.toFixed(1)} s = ` +
          `${Math.round(r.events / r.seconds)} events/s, ${Math.round(r.appends / r.seconds)} appends/s`,
      );
    }
    const head = await store.headPosition();
    const { rows } = await pool.query<{ n: string; max: string }>('SELECT count(*) AS n, max(position) AS max FROM ledger_events');
    expect([Number(rows[0].n), Number(rows[0].max)]).toEqual([head, head]); // gap-free under load
    console.log(lines.join('\n'));
  } finally {
    await teardown();
  }
}, 120_000);
