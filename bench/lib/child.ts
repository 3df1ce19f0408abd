import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root, from dist-bench/bench/lib. */
export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
export const API = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const GNU_TIME = '/usr/bin/time';

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident memory of the child, from GNU time -v (null where it is not installed). */
  peakRssMb: number | null;
}

/** A child's live-heap probe: the node flags that install it, and what it measured once the child has exited. */
export interface HeapProbe {
  flags: string[];
  /** The most heap in use after any of the probe's collections (MB), or null if the child never ran it; removes its file. */
  read(): number | null;
}

let probes = 0;

/**
 * What a child process holds on to, whatever V8's own schedule: every `everyMs`, and once at exit, the probe
 * (preloaded with `--import`) runs a full collection that finishes before the process goes on (`gc()`), then
 * reads the heap in use. Peak RSS, and even the heap left after V8's own full collections, also count garbage:
 * V8 lets the heap grow to a few times what is live before it collects, and marks concurrently, so what is
 * allocated during a marking survives it (docs/benchmarks.md, twelfth and thirteenth rounds). Each collection
 * stops the child for about 30 ms on a rebuild (measured: 25 in a 24 s rebuild took 737 ms together).
 */
export function heapProbe(everyMs: number): HeapProbe {
  const file = join(tmpdir(), `renja-bench-heap-${process.pid}-${++probes}.txt`);
  const source = [
    "import { writeFileSync } from 'node:fs';",
    'let most = 0;',
    'const sample = () => { gc(); most = Math.max(most, process.memoryUsage().heapUsed); };',
    `setInterval(sample, ${everyMs}).unref();`,
    `process.on('exit', () => { sample(); writeFileSync(${JSON.stringify(file)}, String(most)); });`,
  ].join('\n');
  return {
    flags: ['--expose-gc', '--import', `data:text/javascript,${encodeURIComponent(source)}`],
    read() {
      if (!existsSync(file)) return null;
      const bytes = Number(readFileSync(file, 'utf8'));
      rmSync(file, { force: true });
      return bytes / 2 ** 20;
    },
  };
}

/**
 * Runs the built CLI as a child process, under GNU time -v when available, and measures it. `nodeFlags` go to
 * node before the script (e.g. a heapProbe's).
 */
export function runCli(args: string[], env: Record<string, string>, nodeFlags: string[] = []): Promise<ChildRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm run bench does)`);
  const timed = existsSync(GNU_TIME);
  const node = [...nodeFlags, CLI, ...args];
  const [command, argv] = timed ? [GNU_TIME, ['-v', process.execPath, ...node]] : [process.execPath, node];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, { env: { ...process.env, ...env }, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
      resolve({ code, stdout, stderr, seconds, peakRssMb: kb ? Number(kb) / 1024 : null });
    });
  });
}

/** Starts the built API server and resolves once it says it is serving. */
export function startApi(env: Record<string, string>, timeoutMs = 120_000): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [API], { env: { ...process.env, ...env }, cwd: ROOT });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the API server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (!output.includes('is serving')) return;
      // Once: later output (the shutdown log) must not touch the listeners stopApi adds.
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.removeListener('exit', onEarlyExit);
      child.stdout.resume();
      child.stderr.resume();
      resolve(child);
    };
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the API server exited with ${code}:\n${output}`));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', onEarlyExit);
  });
}

/** SIGTERM, then SIGKILL if the server has not exited within 15 s. */
export function stopApi(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
