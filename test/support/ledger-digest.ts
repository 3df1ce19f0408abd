import type { Pool } from 'pg';

/** Every row of the events table, every column, in position order, as one MD5: equal digests, equal tables. */
export async function ledgerDigest(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ n: number; digest: string }>(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(e::text, E'\\n' ORDER BY e.position), '')) AS digest FROM ledger_events e`,
  );
  return `${rows[0].n}:${rows[0].digest}`;
}
