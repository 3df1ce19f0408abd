import { seededRandom as seeded } from '@renja/domain/testing/seeded-random';
import { openTestStore, type TestStore } from '../testing/postgres-test-store';
import { newEvents, streamName } from '../testing/contract/fixtures';
import { readLogByStream } from './read-log-by-stream';
import { RECORDED_AT_TEXT, RECORDED_AT_TO_CHAR, recordedAtFromText } from './recorded-at';

const US_PER_DAY = 86_400_000_000n;
/** Microseconds from 1970 to 1000-01-01 and to 10000-01-01 (UTC): the edges of the ISO path. */
const YEAR_1000 = -30610224000000000n;
const YEAR_10000 = 253402300800000000n;

/**
 * Recorded times as microseconds since 1970: whole days, whole seconds, milliseconds and microseconds, across
 * years 1–12000 and the edges of the four-digit years, and around now.
 */
function microseconds(count: number): string[] {
  const random = seeded(15);
  const out: bigint[] = [0n, YEAR_1000, YEAR_1000 - 1n, YEAR_10000, YEAR_10000 - 1n, -62135596800000000n];
  const now = 1_796_000_000_000_000n; // late 2026
  for (let i = 0; i < count; i++) {
    const wide = random() < 0.3;
    const span = wide ? 12000n * 365n * US_PER_DAY : 10n * 365n * US_PER_DAY;
    const base = wide ? -62135596800000000n : now - 5n * 365n * US_PER_DAY;
    let us = base + BigInt(Math.floor(random() * Number(span)));
    switch (i % 5) {
      case 0:
        us -= us % US_PER_DAY; // midnight, 0 µs
        break;
      case 1:
        us -= us % 1_000_000n; // whole seconds
        break;
      case 2:
        us -= us % 1000n; // whole milliseconds
        break;
      case 3:
        us -= us % 10n; // a trailing zero
    }
    out.push(us);
  }
  return out.map(String);
}

describe('RECORDED_AT_TEXT read through recordedAtFromText gives to_char’s text', () => {
  let ctx: TestStore;
  beforeAll(async () => {
    ctx = await openTestStore(undefined, 2);
  });
  afterAll(async () => ctx.teardown());

  it.each(['UTC', 'Asia/Jakarta', 'America/St_Johns', 'Pacific/Chatham', 'Etc/GMT+12'])(
    'for thousands of generated times, the session in time zone %s',
    async (zone) => {
      const client = await ctx.pool.connect();
      try {
        await client.query(`SET TimeZone = '${zone}'`);
        const { rows } = await client.query<{ old: string; new: string }>(
          `SELECT ${RECORDED_AT_TO_CHAR} AS old, ${RECORDED_AT_TEXT} AS new
             FROM (SELECT timestamptz 'epoch' + t * interval '1 microsecond' AS recorded_at FROM unnest($1::int8[]) t) x`,
          [microseconds(5000)],
        );
        expect(rows.length).toBeGreaterThan(5000);
        const differ = rows.filter((r) => recordedAtFromText(r.new) !== r.old);
        expect(differ).toEqual([]);
        // Both paths are taken: ISO text for four-digit years, to_char's for the others.
        expect(rows.some((r) => r.new.endsWith('Z'))).toBe(true);
        expect(rows.filter((r) => !r.new.endsWith('Z')).length).toBeGreaterThan(4000);
      } finally {
        await client.query('RESET TimeZone');
        client.release();
      }
    },
  );

  it.each(['ISO, MDY', 'SQL, DMY', 'German, DMY', 'Postgres, MDY'])(
    'readLogByStream reads the recorded times readAll reads, DateStyle %s',
    async (style) => {
      const streams = [streamName('a'), streamName('b')];
      for (const streamId of streams) await ctx.store.append(streamId, 'any', newEvents(3));
      const head = await ctx.store.headPosition();
      const all = await ctx.store.readAll({ limit: 1000 });
      const client = await ctx.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL DateStyle = '${style}'`);
        const read = [];
        for await (const batch of readLogByStream(async (sql, parameters) => (await client.query(sql, parameters)).rows, {
          upTo: head,
          batchSize: 2,
        }))
          read.push(...batch);
        await client.query('COMMIT');
        const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;
        expect(read.sort(byPosition)).toEqual(all.sort(byPosition));
        expect(read.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(e.recordedAt))).toBe(true);
      } finally {
        client.release();
      }
    },
  );
});
