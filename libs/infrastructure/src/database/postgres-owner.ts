import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Who started the embedded PostgreSQL that runs on a data folder: the API server or a CLI command. Kept in
 * `dataDir/postgres-owner.json` (written when it starts PostgreSQL, removed when it stops it), so that a
 * server started after a kill -9 can tell an orphaned PostgreSQL (its owner is dead: take it over) from one
 * a live process still runs (another server: refuse; a CLI command: wait for it).
 */
export interface PostgresOwner {
  pid: number;
  role: 'server' | 'cli';
}

export const ownerFile = (dataDir: string) => join(dataDir, 'postgres-owner.json');

/** A zombie (dead, not yet reaped: a container whose pid 1 reaps nobody) answers signal 0 but is no process. */
function zombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false; // no /proc (macOS) or already gone
  }
}

/** Whether `pid` names a live process (EPERM: alive, just someone else's). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !zombie(pid);
}

/** The owner recorded in the data folder, if it is a live process other than this one (a pid reused by us is not). */
export function liveOwner(dataDir: string): PostgresOwner | null {
  const file = ownerFile(dataDir);
  if (!existsSync(file)) return null;
  let owner: PostgresOwner;
  try {
    owner = JSON.parse(readFileSync(file, 'utf8')) as PostgresOwner;
  } catch {
    return null; // torn by a crash mid-write: nobody can be relying on it
  }
  if (owner.pid === process.pid || !processAlive(owner.pid)) return null;
  return { pid: owner.pid, role: owner.role === 'server' ? 'server' : 'cli' };
}

/** Records this process as the owner; the returned function removes the record (if it still names this process). */
export function recordOwner(dataDir: string, role: PostgresOwner['role']): () => void {
  const file = ownerFile(dataDir);
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, role } satisfies PostgresOwner)}\n`, { mode: 0o644 });
  return () => {
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as PostgresOwner).pid === process.pid) rmSync(file, { force: true });
    } catch {
      // already gone (or unreadable): nothing of ours to remove
    }
  };
}

/** The postmaster's pid from `pgData/postmaster.pid`, if that process is alive. */
export function livePostmaster(pgData: string): number | null {
  const file = join(pgData, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return processAlive(pid) ? pid : null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function gone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (processAlive(pid)) {
    if (Date.now() > until) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Stops an orphaned postmaster: fast shutdown (SIGINT: open transactions roll back, a checkpoint is written),
 * then immediate shutdown (SIGQUIT: crash recovery at the next start) if it takes longer than `fastMs`.
 * Returns false when it is still alive after both.
 */
export async function stopOrphan(pid: number, fastMs = 15_000, immediateMs = 10_000): Promise<boolean> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return !processAlive(pid);
  }
  if (await gone(pid, fastMs)) return true;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    return !processAlive(pid);
  }
  return gone(pid, immediateMs);
}
