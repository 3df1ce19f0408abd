import Decimal from 'decimal.js';
import type { Pool } from 'pg';
import { runCli } from '../support/processes';
import { CHAOS_OFFICE, type KeyedWriters } from './keyed-writers';
import type { LedgerProcess } from './ledger-process';

/** What the audit after the faults found; every list empty and every flag true is a clean run. */
export interface AuditResult {
  acknowledged: number;
  /** Acknowledged writes whose events are not in the log exactly once. */
  lostOrDuplicated: string[];
  /** Idempotency keys of this run recorded more than once, or events of the run with no key. */
  keyProblems: string[];
  verifyClean: boolean;
  verifyOutput: string;
  /** Seconds until the read model reached the head after the last write (null: it did not within the limit). */
  readModelCaughtUpSeconds: number | null;
  readModelEqualsRebuild: boolean;
  /** Lines whose realised total in the read model differs from the sum of the acknowledged amounts. */
  totalMismatches: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readModelDigest(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ d: string }>(
    `SELECT md5(
       (SELECT coalesce(string_agg(concat_ws('|', stream_id, version, current_pagu, realised, executable_pagu, last_position), E'\\n' ORDER BY stream_id), '') FROM rm_plan_lines) ||
       (SELECT coalesce(string_agg(concat_ws('|', position, seq, stream_id, event_id, figure, to_value), E'\\n' ORDER BY position, seq), '') FROM rm_line_history) ||
       (SELECT coalesce(string_agg(concat_ws('|', stream_id, phase, funding_source, amount), E'\\n' ORDER BY stream_id, phase, funding_source), '') FROM rm_line_pagu)
     ) AS d`,
  );
  return rows[0].d;
}

async function waitForReadModel(pool: Pool, limitMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const { rows } = await pool.query<{ behind: string }>(
      `SELECT (SELECT position FROM ledger_head) - coalesce((SELECT min(position) FROM projection_checkpoints), 0) AS behind`,
    );
    if (Number(rows[0].behind) <= 0) return (Date.now() - started) / 1000;
    await sleep(200);
  }
  return null;
}

/**
 * After the faults, with the writers stopped and the server up: every acknowledged write is in the log
 * exactly once, no key twice, verification clean, the read model caught up by itself and equal to a
 * rebuild, and each line's realised total exactly the sum of what was acknowledged.
 */
export async function audit(ledger: LedgerProcess, writers: KeyedWriters, runId: string, readModelLimitMs: number): Promise<AuditResult> {
  const pool = ledger.appPool();
  try {
    const keyed = await pool.query<{ key: string; event_ids: string[] }>(
      `SELECT key, ARRAY(SELECT e->>'id' FROM jsonb_array_elements(result->'events') e) AS event_ids FROM ledger_idempotency WHERE key LIKE $1`,
      [`%${runId}-%`],
    );
    // Keys are stored per holder: the JSON of [token holder, Idempotency-Key].
    const clientKey = (stored: string) => {
      if (!stored.startsWith('[')) return stored;
      const parsed = JSON.parse(stored) as unknown[];
      return String(parsed[1]);
    };
    const byKey = new Map(keyed.rows.map((r) => [clientKey(r.key), r.event_ids]));
    const events = await pool.query<{ event_id: string; stream_id: string; amount: string }>(
      `SELECT event_id, stream_id, data->>'amount' AS amount FROM ledger_events WHERE stream_id LIKE $1 AND type = 'realisation.recorded'`,
      [`line-2022-${CHAOS_OFFICE}-%`],
    );
    const eventCount = new Map<string, number>();
    for (const e of events.rows) eventCount.set(e.event_id, (eventCount.get(e.event_id) ?? 0) + 1);

    const lostOrDuplicated: string[] = [];
    for (const a of writers.acknowledged) {
      const stored = byKey.get(a.key);
      if (!stored || stored.join() !== a.eventIds.join())
        lostOrDuplicated.push(`${a.key}: key ${stored ? 'holds other events' : 'missing'}`);
      for (const id of a.eventIds)
        if (eventCount.get(id) !== 1) lostOrDuplicated.push(`${a.key}: event ${id} found ${eventCount.get(id) ?? 0} times`);
    }
    const keyProblems: string[] = [];
    const keyedEvents = new Set([...byKey.values()].flat());
    for (const e of events.rows)
      if (!keyedEvents.has(e.event_id)) keyProblems.push(`event ${e.event_id} on ${e.stream_id} has no idempotency key`);
    if (keyed.rows.length !== byKey.size) keyProblems.push('an idempotency key is recorded twice');
    const sent = new Set([...writers.acknowledged.map((a) => a.key), ...writers.stats.unacknowledged]);
    for (const key of byKey.keys()) if (!sent.has(key)) keyProblems.push(`key ${key} was never sent`);

    const readModelCaughtUpSeconds = await waitForReadModel(pool, readModelLimitMs);
    const totals = await pool.query<{ code: string; realised: string }>(
      `SELECT code, realised::text FROM rm_plan_lines WHERE office_code = $1 AND year = 2022`,
      [CHAOS_OFFICE],
    );
    const realised = new Map(totals.rows.map((r) => [r.code, new Decimal(r.realised)]));
    // A write sent but never acknowledged may have been recorded (once): its amount counts too.
    const expected = writers.expectedTotals();
    for (const e of events.rows) {
      const key = [...byKey.entries()].find(([, ids]) => ids.includes(e.event_id))?.[0];
      if (key && writers.stats.unacknowledged.includes(key)) {
        const code = e.stream_id.slice(`line-2022-${CHAOS_OFFICE}-`.length);
        expected.set(code, (expected.get(code) ?? new Decimal(0)).plus(e.amount));
      }
    }
    const totalMismatches = [...expected.entries()]
      .filter(([code, sum]) => !(realised.get(code) ?? new Decimal(0)).equals(sum))
      .map(([code, sum]) => `${code}: read model ${realised.get(code)?.toFixed(2) ?? 'none'}, acknowledged ${sum.toFixed(2)}`);

    const verify = await runCli(['verify', '--database'], ledger.env);
    const before = await readModelDigest(pool);
    const rebuild = await runCli(['projections', 'rebuild'], ledger.env);
    const after = await readModelDigest(pool);
    return {
      acknowledged: writers.acknowledged.length,
      lostOrDuplicated,
      keyProblems,
      verifyClean: verify.code === 0,
      verifyOutput: `${verify.stdout}${verify.stderr}`.trim().split('\n').slice(-3).join('\n'),
      readModelCaughtUpSeconds,
      readModelEqualsRebuild: rebuild.code === 0 && before === after,
      totalMismatches,
    };
  } finally {
    await pool.end();
  }
}
