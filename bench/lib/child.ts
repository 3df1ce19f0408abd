import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** `--trace-gc` lines of full collections: the heap in use before and after each, in MB. */
const MARK_COMPACT = /Mark-Compact(?: \([^)]*\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g;

/**
 * The most a process kept after any of its full collections (MB), from its `--trace-gc` output: closer to the
 * memory it holds on to than peak RSS, which also counts garbage not yet collected (V8 lets the heap grow to a
 * few times what is live before it collects, at moments of its own). Not exact either: V8 marks concurrently,
 * and what is allocated while a marking runs survives that collection (docs/benchmarks.md, twelfth round). Null
 * when the output has no full collection.
 */
export function liveHeapMb(traceGc: string): number | null {
  let most: number | null = null;
  for (const match of traceGc.matchAll(MARK_COMPACT)) most = Math.max(most ?? 0, Number(match[2]));
  return most;
}

/**
 * Runs the built CLI as a child process, under GNU time -v when available, and measures it. `nodeFlags` go to
 * node before the script (e.g. `--trace-gc`, whose lines come on the child's stdout).
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
