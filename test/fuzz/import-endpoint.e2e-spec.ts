import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ledgerDigest } from '../support/ledger-digest';
import { startTestApp, type TestApp } from '../support/test-app';
import { hostileHeader, hostileValue } from './hostile';

/**
 * Property, for POST /api/v1/imports (multipart): whatever files a client uploads — the DID-story fixture
 * with one cell replaced by a hostile value, a hostile file name, raw bytes, a file dropped or repeated —
 * the answer is never a 5xx; a refusal is a JSON error with a rule, and the events table is byte-for-byte
 * what it was unless the import was accepted (201). FUZZ_RUNS sets the size (default 200 → 40 uploads).
 */
const RUNS = Math.max(10, Math.round(Number(process.env.FUZZ_RUNS ?? 200) / 5));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const FIXTURE = join(__dirname, '..', 'fixtures', 'import', 'did-story');
const files = readdirSync(FIXTURE)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(FIXTURE, name), 'utf8') }));

interface Upload {
  files: Array<{ name: string; content: Buffer }>;
  dryRun: boolean;
}

/** A CSV cell holding any text: quoted, with quotes doubled. */
const cell = (value: unknown) => `"${String(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null')).replace(/"/g, '""')}"`;

const oneCellWrong: fc.Arbitrary<Upload> = fc
  .tuple(fc.nat(files.length - 1), fc.nat(400), fc.nat(20), hostileValue, fc.boolean())
  .map(([f, row, column, value, dryRun]) => ({
    dryRun,
    files: files.map((file, i) => {
      if (i !== f) return { name: file.name, content: Buffer.from(file.text) };
      const lines = file.text.split('\n');
      const r = 1 + (row % Math.max(1, lines.length - 2));
      const cells = lines[r].split(',');
      cells[column % cells.length] = cell(value);
      lines[r] = cells.join(',');
      return { name: file.name, content: Buffer.from(lines.join('\n')) };
    }),
  }));

const oddFiles: fc.Arbitrary<Upload> = fc.record({
  dryRun: fc.boolean(),
  files: fc.array(
    fc.record({
      name: fc.oneof(
        fc.constantFrom('pagu.csv', 'rencana.xlsx', 'x.txt', '.csv', 'total.CSV'),
        hostileHeader.map((h) => `${h}.csv`),
      ),
      content: fc.oneof(
        fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
        fc.constantFrom(...files.map((f) => f.text)).map((t) => Buffer.from(t.slice(0, Math.floor(t.length / 2)))),
        fc.constantFrom('PK\u0003\u0004garbage', '\ufeff', 'Tahun;Kode\n', '"unterminated,quote\n').map((t) => Buffer.from(t)),
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

describe('fuzzing POST /api/v1/imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('never answers 5xx, refuses with a JSON rule, and changes nothing unless it imported', async () => {
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: oneCellWrong }, { weight: 1, arbitrary: oddFiles }), async (upload) => {
        const before = await ledgerDigest(t.pool);
        let req = t
          .http()
          .post(`/api/v1/imports${upload.dryRun ? '?dryRun=true' : ''}`)
          .set(t.auth);
        for (const f of upload.files) req = req.attach('file', f.content, f.name);
        const res = await req;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof res.body.rule).toBe('string');
          expect(typeof res.body.message).toBe('string');
        }
        const after = await ledgerDigest(t.pool);
        if (res.status === 201) expect(after).not.toBe(before);
        else expect(after).toBe(before);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`import fuzz statuses (${RUNS} uploads): ${JSON.stringify(statuses)}`);
  });
});
