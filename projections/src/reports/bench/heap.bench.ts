/**
 * What the report reader keeps on the V8 heap after a province's reports, and of what: the live heap after a
 * full collection with everything kept, then again after dropping the kept reports, the kept views in the
 * past, the kept states and the present views, one after the other. Not part of the normal test run; run it
 * with (a full collection needs --expose-gc)
 *
 *   BENCH_OFFICES=8 node --expose-gc node_modules/.bin/jest --testRegex 'heap\.bench\.ts$' \
 *     --runTestsByPath projections/src/reports/bench/heap.bench.ts --selectProjects int
 *
 * BENCH_DATABASE as in bench-province.ts.
 */
import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { AsOf, PlanLineState } from '@renja/domain';
import { ReportReader } from '../report-reader';
import { lineStateCache, type CachedLine } from '../shared/line-cache';
import { keptLineView, type LineView } from '../shared/line-view';
import { reportMemo } from '../shared/report-memo';
import { benchProvince, YEAR } from './bench-province';

const OFFICES = Number(process.env.BENCH_OFFICES ?? 8);

/**
 * The live heap after full collections: its MB, and the objects and references in it (from a heap snapshot's
 * header: what a full collection has to go through, steadier than its time on a shared machine).
 */
async function live(): Promise<{ mb: number; objects: number; references: number }> {
  // A new macrotask first: a WeakRef's target is kept to the end of the one that made or read it.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  const mb = process.memoryUsage().heapUsed / 1e6;
  const file = writeHeapSnapshot(join(tmpdir(), `heap-bench-${process.pid}.heapsnapshot`));
  try {
    const fd = openSync(file, 'r');
    const head = Buffer.alloc(4096);
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const count = (name: string) => Number(new RegExp(`"${name}":(\\d+)`).exec(head.toString())![1]);
    return { mb, objects: count('node_count'), references: count('edge_count') };
  } finally {
    unlinkSync(file);
  }
}
const liveMb = (): number => {
  (globalThis as { gc?: () => void }).gc!();
  return process.memoryUsage().heapUsed / 1e6;
};
const millions = (n: number) => `${(n / 1e6).toFixed(2)} M`;

it('what the report reader keeps on the heap', async () => {
  const { dataSource, knownAt, close } = await benchProvince(OFFICES);
  const out: string[] = [];
  try {
    const reader = new ReportReader(dataSource);
    const before = liveMb();
    const points: AsOf[] = [{}, { validAt: `${YEAR}-10-31` }, { validAt: `${YEAR}-10-31`, knownAt }, { validAt: `${YEAR}-06-30` }];
    let bytes = 0;
    for (const asOf of points) {
      bytes += JSON.stringify(await reader.provinceReconciliation({ year: YEAR, asOf })).length;
      bytes += JSON.stringify(await reader.provinceEvaluation({ year: YEAR, asOf })).length;
    }
    const lines = (lineStateCache(dataSource) as unknown as { lines: number }).lines;
    const kept = await live();
    out.push(`offices ${OFFICES}, kept lines ${lines}, answers ${(bytes / 1e6).toFixed(1)} MB of JSON`);
    out.push(
      `live heap before ${before.toFixed(1)} MB, after the reports ${kept.mb.toFixed(1)} MB, ${millions(kept.objects)} objects, ${millions(kept.references)} references`,
    );
    const offices = (lineStateCache(dataSource) as unknown as { offices: Map<string, Map<string, CachedLine>> }).offices;
    const each = (f: (l: CachedLine) => void) => offices.forEach((o) => o.forEach(f));
    const steps: Array<[string, () => void]> = [
      ['kept reports', () => (reportMemo(dataSource) as unknown as { kept: Map<string, unknown> }).kept.clear()],
      ['views in the past', () => each((l) => l.views.clear())],
      ['states', () => each((l) => (l.state = null))],
      ['present views', () => each((l) => (l.present = null))],
    ];
    let last = kept;
    for (const [name, drop] of steps) {
      drop();
      const now = await live();
      const mb = last.mb - now.mb;
      out.push(
        `${name}: ${mb.toFixed(1)} MB (${(mb / (lines / 1000)).toFixed(2)} MB per 1,000 lines), ${millions(last.objects - now.objects)} objects, ${millions(last.references - now.references)} references`,
      );
      last = now;
    }
    // One view in the past of every kept line, per part read: what a kept view holds.
    const states = (await dataSource.query<Array<{ state: PlanLineState }>>('SELECT state FROM rm_plan_lines WHERE year = $1', [YEAR])).map(
      (r) => r.state,
    );
    const part = (read: (v: LineView) => unknown) => {
      const base = liveMb();
      const views = states.map((s) => keptLineView(s, { validAt: `${YEAR}-09-30` }));
      views.forEach(read);
      const kb = ((liveMb() - base) * 1000) / views.length;
      return `${kb.toFixed(2)} KB per line`;
    };
    out.push(`a view read for nothing ${part(() => undefined)}`);
    out.push(`breakdown ${part((v) => v.breakdown)}`);
    out.push(`movements ${part((v) => v.movements)}`);
    out.push(`money and kinerja ${part((v) => v.money)}`);
    out.push(`all ${part((v) => [v.breakdown, v.movements, v.money])}`);
    out.push(`left ${last.mb.toFixed(1)} MB, ${millions(last.objects)} objects`);
  } finally {
    console.log(out.join('\n'));
    await close();
  }
}, 3_600_000);
