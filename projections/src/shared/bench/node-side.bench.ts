/**
 * The Node side of the plan rebuild alone, in CPU time per event: the log's rows (a JSON array per stream) are read once from
 * BENCH_URL (a database holding a ledger, e.g. the rebuild bench's BENCH_DATABASE), then `PlanRebuild.load`
 * folds them and builds its COPY text BENCH_RUNS times (default 5) with PostgreSQL left out (a fake
 * connection takes the COPY data). On a shared machine, CPU time per event compares code where wall time
 * cannot. Not part of `npm test`; run it with
 *
 *   BENCH_URL=postgres://… node --expose-gc node_modules/.bin/jest --selectProjects unit \
 *     --runTestsByPath projections/src/shared/bench/node-side.bench.ts --testRegex 'bench\.ts$'
 */
import { createHash, type Hash } from 'node:crypto';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { PlanRebuild } from '../../plan/plan.rebuild';

it('node side of the plan rebuild', async () => {
  const pool = new Pool({ connectionString: process.env.BENCH_URL, max: 1 });
  // The rows the log's stream cursor (read-log-by-stream.ts) gives: one per stream, its events as one JSON array (to_char's times).
  const { rows: streams } = await pool.query(
    `SELECT stream_id, max(version) AS last_version, count(*) AS count,
            json_agg(json_build_array(position, event_id, version, type, schema_version, data, metadata,
              to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) ORDER BY version)::text AS events
       FROM ledger_events GROUP BY stream_id ORDER BY stream_id`,
  );
  const [{ count }] = (await pool.query('SELECT count(*)::int AS count FROM ledger_events')).rows as Array<{ count: number }>;
  const columns = new Map<string, unknown[]>();
  for (const table of ['rm_offices', 'rm_plan_lines', 'rm_line_pagu', 'rm_line_history'])
    columns.set(
      table,
      (
        await pool.query(
          `SELECT attname AS name, atttypid IN ('json'::regtype, 'jsonb'::regtype) AS json, format_type(atttypid, NULL) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
          [table],
        )
      ).rows,
    );
  await pool.end();
  let bytes = 0;
  // An MD5 of the COPY data per statement text (per table), with BENCH_HASH=1: code that must write the same rows
  // compares these (hashing costs CPU time: leave it out when measuring).
  const hashes = process.env.BENCH_HASH ? new Map<string, Hash>() : null;
  const client = {
    query(copy: { text: string; chunks: Buffer[]; callback?: (e: Error | null, n: number) => void }) {
      for (const c of copy.chunks) bytes += c.length;
      if (hashes) {
        const hash = hashes.get(copy.text) ?? createHash('md5');
        hashes.set(copy.text, hash);
        for (const c of copy.chunks) hash.update(c);
      }
      setImmediate(() => copy.callback?.(null, 0));
    },
  };
  const reader = {
    offset: 0,
    connect: async () => undefined,
    startTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    release: async () => undefined,
    isTransactionActive: false,
    query: async (sql: string) => {
      const m = /^FETCH (\d+)/.exec(sql);
      if (!m) return [];
      const n = Number(m[1]);
      const batch = streams.slice(reader.offset, reader.offset + n);
      reader.offset += n;
      return batch;
    },
  };
  const manager = {
    // The code before the COPY change read the log and wrote its rows through manager.query.
    query: async (sql: string, parameters: unknown[]) =>
      /^(FETCH|DECLARE|CLOSE)/.test(sql) ? reader.query(sql) : sql.startsWith('INSERT') ? [] : columns.get(String(parameters[0])),
    queryRunner: { connect: async () => client },
    connection: { createQueryRunner: () => reader },
  } as unknown as EntityManager;
  const out: string[] = [];
  for (let run = 0; run < Number(process.env.BENCH_RUNS ?? 5); run++) {
    reader.offset = 0;
    bytes = 0;
    hashes?.clear();
    (global as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await new PlanRebuild(manager).load({ upTo: Number.MAX_SAFE_INTEGER, batchSize: 1000 });
    const used = process.cpuUsage(cpu);
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    out.push(
      `run ${run + 1}: ${count} events, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms = ${((used.user + used.system) / count).toFixed(1)} µs/event, wall ${wall.toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB of COPY`,
    );
    for (const [statement, hash] of hashes ?? []) out.push(`  md5 ${hash.digest('hex')} ${statement}`);
  }
  console.log(out.join('\n'));
}, 600_000);
