// Measures how the database grows under repeated writes to a few lines (issue 17, "Bloat").
// Usage: start a server on an empty embedded ledger, then
//   node bench/read-model-bloat.mjs <base url> <data dir> [writes=2400] [lines=4]
// It registers an office and `lines` lines with a pagu, records `writes` realisations spread over them
// (4 at a time), and prints the database size, rm_plan_lines' size (with TOAST) and its dead and HOT row
// versions before and after, then again after 70 s (time for autovacuum to come by).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const [base, dataDir, writesArg = '2400', linesArg = '4'] = process.argv.slice(2);
const writes = Number(writesArg);
const lineCount = Number(linesArg);
const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
const roles = JSON.parse(readFileSync(join(dataDir, 'db-roles.json'), 'utf8'));
const pgPort = Number(process.env.RENJA_EMBEDDED_PG_PORT ?? 54329);
const db = new pg.Client({ host: '127.0.0.1', port: pgPort, user: roles.app.name, password: roles.app.password, database: 'renja_ledger' });
await db.connect();

const post = async (path, body, key) => {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
};

async function figures(label) {
  const { rows } = await db.query(`
    SELECT pg_database_size(current_database()) AS database,
           pg_total_relation_size('rm_plan_lines') AS lines_total,
           pg_relation_size('rm_plan_lines') AS lines_heap,
           s.n_live_tup AS live, s.n_dead_tup AS dead, s.n_tup_upd AS updates, s.n_tup_hot_upd AS hot,
           s.autovacuum_count AS autovacuums,
           t.n_dead_tup AS toast_dead
      FROM pg_stat_user_tables s
      LEFT JOIN pg_class c ON c.relname = 'rm_plan_lines'
      LEFT JOIN pg_stat_all_tables t ON t.relid = c.reltoastrelid
     WHERE s.relname = 'rm_plan_lines'`);
  const r = rows[0];
  const mb = (n) => (Number(n) / 1048576).toFixed(1);
  console.log(
    `${label}: database ${mb(r.database)} MB; rm_plan_lines ${mb(r.lines_total)} MB (heap ${mb(r.lines_heap)} MB), ` +
      `live ${r.live}, dead ${r.dead}, toast dead ${r.toast_dead}, updates ${r.updates} (HOT ${r.hot}), autovacuums ${r.autovacuums}`,
  );
}

const office = 'BLOAT';
const year = 2022;
const lines = Array.from({ length: lineCount }, (_, i) => `2.17.07.1.01.${String(i + 1).padStart(4, '0')}`);
await post('/offices', { code: office, name: 'Dinas Uji' });
for (const code of ['2.17.07', '2.17.07.1.01', ...lines])
  await post(`/years/${year}/offices/${office}/lines`, { code, name: `Line ${code}` });
const legalBasis = { kind: 'Perda', number: '1/2021', date: '2021-12-30' };
for (const code of lines)
  await post(`/years/${year}/offices/${office}/lines/${code}/pagu`, {
    phase: 'APBD',
    fundingSource: 'DAU',
    amount: '100000000000.00',
    reason: 'APBD murni',
    legalBasis,
    effectiveDate: '2022-01-03',
  });
await figures('before');
const started = Date.now();
let done = 0;
await Promise.all(
  lines.map(async (code, l) => {
    for (let i = l; i < writes; i += lineCount) {
      const period = `2022-${String((i % 12) + 1).padStart(2, '0')}`;
      await post(`/years/${year}/offices/${office}/lines/${code}/realisations`, { period, amount: '1000.00' }, `bloat-${i}`);
      if (++done % 400 === 0) await figures(`after ${done} writes (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }),
);
await figures(`after ${writes} writes`);
await new Promise((resolve) => setTimeout(resolve, 70_000));
await figures('70 s later');
await db.end();
