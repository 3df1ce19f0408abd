import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveOwner, livePostmaster, ownerFile, processAlive, recordOwner, stopOrphan } from './postgres-owner';

/**
 * A process that runs until signalled; `exit` resolves with the signal that ended it, `ready` once its
 * script (signal handlers included) has run: a condition to wait on, not a clock (node starts slowly on a busy machine).
 */
function sleeper(script = 'setInterval(() => {}, 1000)') {
  const child = spawn(process.execPath, ['-e', `${script}; process.stdout.write('ready\\n')`], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { pid: child.pid!, child, exit, ready };
}

/** The pid of a process that has ended (and been reaped). */
async function deadPid(): Promise<number> {
  const s = sleeper();
  s.child.kill('SIGKILL');
  await s.exit;
  return s.pid;
}

describe('the embedded PostgreSQL owner record', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'renja-owner-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names no owner without a record, with a torn one, or when the recorded process is dead', async () => {
    expect(liveOwner(dir)).toBeNull();
    writeFileSync(ownerFile(dir), '{"pid": 12');
    expect(liveOwner(dir)).toBeNull();
    writeFileSync(ownerFile(dir), JSON.stringify({ pid: await deadPid(), role: 'server' }));
    expect(liveOwner(dir)).toBeNull();
  });

  it('names a live owner and its role, but not this process (a pid reused after a restart)', () => {
    const s = sleeper();
    try {
      writeFileSync(ownerFile(dir), JSON.stringify({ pid: s.pid, role: 'server' }));
      expect(liveOwner(dir)).toEqual({ pid: s.pid, role: 'server' });
      writeFileSync(ownerFile(dir), JSON.stringify({ pid: s.pid, role: 'cli' }));
      expect(liveOwner(dir)).toEqual({ pid: s.pid, role: 'cli' });
      writeFileSync(ownerFile(dir), JSON.stringify({ pid: process.pid, role: 'server' }));
      expect(liveOwner(dir)).toBeNull();
    } finally {
      s.child.kill('SIGKILL');
    }
  });

  it('records this process, and forgets it only while the record still names this process', () => {
    const forget = recordOwner(dir, 'server');
    expect(existsSync(ownerFile(dir))).toBe(true);
    forget();
    expect(existsSync(ownerFile(dir))).toBe(false);
    const forgetLater = recordOwner(dir, 'cli');
    writeFileSync(ownerFile(dir), JSON.stringify({ pid: process.pid + 1, role: 'server' })); // another took over since
    forgetLater();
    expect(existsSync(ownerFile(dir))).toBe(true);
  });

  it('reads the postmaster pid from postmaster.pid only while that process lives', async () => {
    const pgData = join(dir, 'pgdata');
    mkdirSync(pgData);
    expect(livePostmaster(pgData)).toBeNull();
    const s = sleeper();
    try {
      writeFileSync(join(pgData, 'postmaster.pid'), `${s.pid}\n${pgData}\n1700000000\n54329\n`);
      expect(livePostmaster(pgData)).toBe(s.pid);
    } finally {
      s.child.kill('SIGKILL');
      await s.exit;
    }
    expect(livePostmaster(pgData)).toBeNull();
  });

  it('stops an orphan with SIGINT (fast shutdown), and with SIGQUIT when it ignores that', async () => {
    const fast = sleeper();
    expect(await stopOrphan(fast.pid, 5000, 1000)).toBe(true);
    expect(await fast.exit).toBe('SIGINT');

    const stubborn = sleeper("process.on('SIGINT', () => {}); setInterval(() => {}, 1000)");
    await stubborn.ready; // its SIGINT handler is in place
    expect(await stopOrphan(stubborn.pid, 300, 5000)).toBe(true);
    expect(await stubborn.exit).toBe('SIGQUIT');
    expect(processAlive(stubborn.pid)).toBe(false);
  });

  it('reports an orphan that outlives both signals', async () => {
    const immortal = sleeper("process.on('SIGINT', () => {}); process.on('SIGQUIT', () => {}); setInterval(() => {}, 1000)");
    try {
      await immortal.ready;
      expect(await stopOrphan(immortal.pid, 200, 200)).toBe(false);
      expect(processAlive(immortal.pid)).toBe(true);
    } finally {
      immortal.child.kill('SIGKILL');
      await immortal.exit;
    }
  });
});
