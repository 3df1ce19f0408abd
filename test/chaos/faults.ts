import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../support/processes';
import type { KeyedWriters } from './keyed-writers';
import type { LedgerProcess } from './ledger-process';

export type FaultName = 'server-kill9' | 'server-sigterm' | 'postgres-kill9' | 'backend-kill9' | 'backend-terminate' | 'import-kill9';

/** What one fault did and how the ledger came back from it. Times in ms; null: did not happen within the limit. */
export interface FaultResult {
  fault: FaultName;
  /** Server restarted by the suite (as a process supervisor would). */
  restarted: boolean;
  /** From the restart (or the fault, without one) until ready. */
  readyMs: number | null;
  /** From the restart (or the fault) until the first acknowledged write. */
  firstAckMs: number | null;
  /** HTTP 500 answers while the fault lasted (503 is the honest answer while the database is away). */
  http500: number;
  http503: number;
  notes: string[];
}

export interface FaultContext {
  ledger: LedgerProcess;
  writers: KeyedWriters;
  random: () => number;
  /** How long the ledger gets to heal by itself before the suite restarts the server. */
  selfHealMs: number;
  startLimitMs: number;
  work: string;
  importRows: number;
}

const count = (writers: KeyedWriters, since: number, status: number) =>
  writers.failures.filter((f) => f.at >= since && f.status === status).length;

async function restart(context: FaultContext, result: FaultResult): Promise<void> {
  const { ledger, writers } = context;
  const spawned = Date.now();
  ledger.start();
  result.restarted = true;
  result.readyMs = await ledger.waitReady(context.startLimitMs);
  result.firstAckMs = await writers.waitAckAfter(spawned, context.startLimitMs);
}

async function serverKill(context: FaultContext, signal: NodeJS.Signals): Promise<FaultResult> {
  const since = Date.now();
  const result: FaultResult = {
    fault: signal === 'SIGKILL' ? 'server-kill9' : 'server-sigterm',
    restarted: false,
    readyMs: null,
    firstAckMs: null,
    http500: 0,
    http503: 0,
    notes: [],
  };
  const stop = await context.ledger.kill(signal);
  if (signal === 'SIGTERM')
    result.notes.push(stop.forced ? `did not stop within ${stop.ms} ms of SIGTERM: killed` : `stopped ${stop.ms} ms after SIGTERM`);
  await restart(context, result);
  result.http500 = count(context.writers, since, 500);
  result.http503 = count(context.writers, since, 503);
  return result;
}

/** kill -9 of the embedded postmaster: the server should notice, answer 503, restart it and resume by itself. */
async function postgresKill(context: FaultContext): Promise<FaultResult> {
  const { ledger, writers } = context;
  const result: FaultResult = {
    fault: 'postgres-kill9',
    restarted: false,
    readyMs: null,
    firstAckMs: null,
    http500: 0,
    http503: 0,
    notes: [],
  };
  const pid = ledger.postmasterPid();
  if (!pid) return { ...result, notes: ['no postmaster found'] };
  const since = Date.now();
  process.kill(pid, 'SIGKILL');
  result.firstAckMs = await writers.waitAckAfter(since, context.selfHealMs);
  if (result.firstAckMs !== null) {
    result.readyMs = await ledger.waitReady(context.startLimitMs).then((ms) => (ms === null ? null : Date.now() - since));
    result.notes.push('recovered by itself');
  } else {
    result.notes.push(`no write acknowledged within ${context.selfHealMs / 1000} s without help: server restarted by the suite`);
    // What the server said meanwhile (the supervisor's restart attempts and PostgreSQL's reasons), for the report.
    result.notes.push(
      `the server said: ${ledger
        .said()
        .split('\n')
        .filter((line) => /PostgreSQL|postgres|restart/i.test(line))
        .slice(-12)
        .join(' | ')}`,
    );
    await ledger.kill('SIGKILL');
    await restart(context, result);
  }
  result.http500 = count(writers, since, 500);
  result.http503 = count(writers, since, 503);
  return result;
}

/** A backend of the app role dies: by SIGKILL (PostgreSQL then resets every session) or pg_terminate_backend. */
async function backendKill(context: FaultContext, how: 'kill9' | 'terminate'): Promise<FaultResult> {
  const { ledger, writers } = context;
  const result: FaultResult = {
    fault: how === 'kill9' ? 'backend-kill9' : 'backend-terminate',
    restarted: false,
    readyMs: null,
    firstAckMs: null,
    http500: 0,
    http503: 0,
    notes: [],
  };
  const since = Date.now();
  if (how === 'kill9') {
    const pids = ledger.appBackendPids();
    if (pids.length === 0) return { ...result, notes: ['no app backend found'] };
    process.kill(pids[Math.floor(context.random() * pids.length)], 'SIGKILL');
  } else {
    const pool = ledger.appPool();
    try {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE usename = current_user AND pid <> pg_backend_pid()`,
      );
      result.notes.push(`${rows[0].n} sessions terminated`);
    } finally {
      await pool.end();
    }
  }
  result.firstAckMs = await writers.waitAckAfter(since, context.selfHealMs);
  result.readyMs = await ledger.waitReady(context.startLimitMs).then((ms) => (ms === null ? null : Date.now() - since));
  if (result.firstAckMs === null) {
    result.notes.push(`no write acknowledged within ${context.selfHealMs / 1000} s: server restarted by the suite`);
    await ledger.kill('SIGKILL');
    await restart(context, result);
  }
  result.http500 = count(writers, since, 500);
  result.http503 = count(writers, since, 503);
  return result;
}

/** An import of `rows` lines for a new office, as CSV files in the import format. */
function writeImport(dir: string, office: string, rows: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'perangkat_daerah.csv'), `Kode Perangkat Daerah,Nama Perangkat Daerah\n${office},Dinas uji gangguan ${office}\n`);
  const plan = ['Tahun;Perangkat Daerah;Kode;Program/Kegiatan/Sub Kegiatan;Indikator;Satuan;Arah;Target;Tanggal Berlaku;Alasan'];
  plan.push(`2022;${office};2.17.07;Program Pemberdayaan UMKM;;;;;;`, `2022;${office};2.17.07.1.01;Pemberdayaan Usaha Kecil;;;;;;`);
  const pagu = [
    'Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Pagu,Perubahan,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum',
  ];
  for (let i = 1; i <= rows; i++) {
    const code = `2.17.07.1.01.${String(i).padStart(4, '0')}`;
    plan.push(`2022;${office};${code};Sub kegiatan ${i};;;;;;`);
    pagu.push(
      `2022,${office},${code},APBD Induk,DAU,"${i}.000.000,${String(i % 100).padStart(2, '0')}",,03/01/2022,APBD murni 2022,Perda,10 Tahun 2021,30/12/2021`,
    );
  }
  writeFileSync(join(dir, 'rencana.csv'), `${plan.join('\n')}\n`);
  writeFileSync(join(dir, 'pagu.csv'), `${pagu.join('\n')}\n`);
}

async function linesOf(ledger: LedgerProcess, office: string): Promise<number> {
  const pool = ledger.appPool();
  try {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(DISTINCT stream_id)::int AS n FROM ledger_events WHERE stream_id LIKE $1`,
      [`line-2022-${office}-2.17.07.1.01.%`],
    );
    return rows[0].n;
  } finally {
    await pool.end();
  }
}

/** kill -9 of a CLI import part-way: afterwards the office has all its lines or none; re-running completes it. */
async function importKill(context: FaultContext, round: number): Promise<FaultResult> {
  const { ledger } = context;
  const result: FaultResult = {
    fault: 'import-kill9',
    restarted: false,
    readyMs: null,
    firstAckMs: null,
    http500: 0,
    http503: 0,
    notes: [],
  };
  const office = `CHAOSIMP${round}`;
  const dir = join(context.work, `import-${round}`);
  writeImport(dir, office, context.importRows);
  const run = () => spawn(process.execPath, [CLI, 'import', dir], { env: { ...ledger.env, RENJA_TOKEN: ledger.token }, stdio: 'ignore' });
  const child = run();
  const delay = 1500 + Math.floor(context.random() * 3000);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const outcome = await Promise.race([exited, new Promise<'kill'>((resolve) => setTimeout(() => resolve('kill'), delay))]);
  if (outcome === 'kill') {
    child.kill('SIGKILL');
    await exited;
    result.notes.push(`killed after ${delay} ms`);
  } else result.notes.push(`finished (${outcome}) before the kill at ${delay} ms`);
  const after = await linesOf(ledger, office);
  result.notes.push(
    after === 0 || after === context.importRows
      ? `all or nothing held: ${after} of ${context.importRows} lines`
      : `PARTIAL: ${after} of ${context.importRows} lines`,
  );
  const started = Date.now();
  const again = await new Promise<number | null>((resolve) => run().once('exit', (code) => resolve(code)));
  result.firstAckMs = Date.now() - started;
  const complete = await linesOf(ledger, office);
  result.notes.push(`re-run exited ${again}: ${complete} of ${context.importRows} lines`);
  return result;
}

export function runFault(name: FaultName, context: FaultContext, round: number): Promise<FaultResult> {
  switch (name) {
    case 'server-kill9':
      return serverKill(context, 'SIGKILL');
    case 'server-sigterm':
      return serverKill(context, 'SIGTERM');
    case 'postgres-kill9':
      return postgresKill(context);
    case 'backend-kill9':
      return backendKill(context, 'kill9');
    case 'backend-terminate':
      return backendKill(context, 'terminate');
    case 'import-kill9':
      return importKill(context, round);
  }
}

/** A fault passes when the ledger came back (ready and writing) and, for an import, held all or nothing and completed. */
export function faultProblems(result: FaultResult, importRows: number): string[] {
  const problems: string[] = [];
  if (result.fault === 'import-kill9') {
    if (result.notes.some((n) => n.startsWith('PARTIAL'))) problems.push(`${result.fault}: import left partly written`);
    if (!result.notes.some((n) => n.includes(`exited 0: ${importRows} of ${importRows}`)))
      problems.push(`${result.fault}: re-run did not complete the import`);
    return problems;
  }
  if (result.readyMs === null) problems.push(`${result.fault}: not ready again`);
  if (result.firstAckMs === null) problems.push(`${result.fault}: no write acknowledged again`);
  return problems;
}
