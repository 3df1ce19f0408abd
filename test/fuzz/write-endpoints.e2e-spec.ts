import fc from 'fast-check';
import { ledgerDigest } from '../support/ledger-digest';
import { startTestApp, type TestApp } from '../support/test-app';
import { WRITE_ENDPOINTS, type FuzzEndpoint, type PathValues } from './endpoints';
import { hostileHeader, hostilePathSegment, hostileRawBody, hostileValue, rawJson } from './hostile';

/**
 * Property: whatever a client sends to a write endpoint — body, headers, path — the answer is never a
 * 5xx; a refusal is a JSON error saying what is wrong (a 400 names the field), and the events table is
 * byte-for-byte what it was. FUZZ_RUNS sets the runs per endpoint (default 200; the long run: 5000).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'multipart/form-data; boundary=x',
  'application/xml',
];

interface Generated {
  path: Partial<PathValues>;
  body: string;
  contentType: string | null;
  /** 'default', 'none', 'garbage', 'inspector', 'other office', or a header value. */
  authorization: string;
  idempotencyKey: string | null;
  ifMatch: string | null;
}

function requestArbitrary(endpoint: FuzzEndpoint): fc.Arbitrary<Generated> {
  const keys = Object.keys(endpoint.fields);
  const validObject = fc.record(endpoint.fields, { requiredKeys: keys.filter((k) => !endpoint.optional?.includes(k)) });
  // One thing wrong at a time reaches deeper than many: the other fields pass validation and the domain decides.
  const oneFieldWrong = fc
    .tuple(validObject, fc.constantFrom(...(keys.length ? keys : ['unknown'])), fc.option(hostileValue, { freq: 6 }))
    .map(([body, key, value]) => {
      const copy: Record<string, unknown> = { ...body };
      if (value === null) delete copy[key];
      else copy[key] = value;
      return rawJson(JSON.stringify(copy));
    });
  const extraField = fc
    .tuple(validObject, fc.string({ maxLength: 12 }), hostileValue)
    .map(([body, key, value]) => rawJson(JSON.stringify({ ...body, [key]: value })));
  const body = fc.oneof(
    { weight: 3, arbitrary: validObject.map((b) => JSON.stringify(b)) },
    { weight: 5, arbitrary: oneFieldWrong },
    { weight: 1, arbitrary: extraField },
    { weight: 1, arbitrary: hostileValue.map((v) => rawJson(JSON.stringify(v) ?? 'null')) },
    { weight: 2, arbitrary: validObject.map((b) => JSON.stringify(b)).chain(hostileRawBody) },
  );
  // fc.option's freq is the odds of *null*: sometimes(x, n) gives x once in n draws.
  const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
    fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
  const path = sometimes(
    fc.tuple(fc.constantFrom<keyof PathValues>('year', 'office', 'code', 'eventId', 'tokenId'), hostilePathSegment),
    4,
  ).map((replaced) => (replaced ? { [replaced[0]]: replaced[1] } : {}));
  return fc.record({
    path,
    body,
    contentType: fc.oneof(
      { weight: 12, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    authorization: fc.oneof(
      { weight: 15, arbitrary: fc.constant('default') },
      { weight: 1, arbitrary: fc.constantFrom('none', 'garbage', 'inspector', 'other office') },
      { weight: 1, arbitrary: hostileHeader },
    ),
    idempotencyKey: sometimes(hostileHeader, 6),
    ifMatch: sometimes(hostileHeader, 8),
  });
}

/** A failure report short enough to read: the generated values include 300 000-character strings. */
function briefReport(details: fc.RunDetails<[Generated]>): void {
  if (!details.failed) return;
  const shorten = (value: unknown) =>
    JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length} chars)` : v));
  throw new Error(
    `fuzz failure (seed ${details.seed}, path ${details.counterexamplePath}): ${shorten(details.counterexample)}\n${String(details.errorInstance).slice(0, 1500)}`,
  );
}

describe('fuzzing every write endpoint: no 5xx, clear 4xx, an unchanged ledger after every refusal', () => {
  let t: TestApp;
  let values: PathValues;
  const tokens: Record<string, string> = {};
  const stats: Record<string, Record<number, number>> = {};

  beforeAll(async () => {
    t = await startTestApp({ security: { rateLimitPerMinute: 0 } });
    const post = async (path: string, body: object) => (await t.http().post(path).send(body).expect(201)).body;
    await post('/api/v1/offices', { code: 'DKUKM', name: 'Dinas Koperasi, Usaha Kecil dan Menengah' });
    const base = '/api/v1/years/2022/offices/DKUKM/lines';
    for (const code of ['2.17.07', '2.17.07.1.01', '2.17.07.1.01.0001', '2.17.07.1.01.0002'])
      await post(base, { code, name: `Baris ${code}` });
    await post(`${base}/2.17.07.1.01.0001/indicators`, { name: 'Jumlah UMKM', unit: 'unit', direction: 'higher_is_better' });
    const legalBasis = { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' };
    const pagu = await post(`${base}/2.17.07.1.01.0001/pagu`, {
      phase: 'APBD',
      fundingSource: 'DAU',
      amount: '653027794.00',
      reason: 'APBD murni',
      legalBasis,
      effectiveDate: '2022-01-03',
    });
    await post(`${base}/2.17.07.1.01.0001/realisations`, { period: '2022-Q1', amount: '95000000.00' });
    const token = await post('/api/v1/tokens', { name: 'Operator', roles: ['finance'], offices: ['DKUKM'] });
    values = { year: '2022', office: 'DKUKM', code: '2.17.07.1.01.0001', eventId: pagu.eventIds[0], tokenId: String(token.id) };
    tokens.inspector = await t.tokenFor(['inspector'], '*', 'Fuzz inspector');
    tokens['other office'] = await t.tokenFor(['admin', 'planner', 'finance'], ['BPKAD'], 'Fuzz elsewhere');
  });
  afterAll(async () => {
    await t.close();
    process.stdout.write(`fuzz statuses per endpoint (${RUNS} runs each): ${JSON.stringify(stats)}\n`);
  });

  function authorization(choice: string): string | null {
    if (choice === 'default') return `Bearer ${t.token}`;
    if (choice === 'none') return null;
    if (choice === 'garbage') return 'Bearer rl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    if (tokens[choice]) return `Bearer ${tokens[choice]}`;
    return choice;
  }

  it.each(WRITE_ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s',
    async (name, endpoint) => {
      stats[name] = {};
      let baseline = await ledgerDigest(t.pool);
      await fc.assert(
        fc.asyncProperty(requestArbitrary(endpoint), async (g) => {
          const path = endpoint.path({ ...values, ...g.path });
          let request = t.anonymous()[endpoint.method](path);
          const auth = authorization(g.authorization);
          if (auth !== null) request = request.set('Authorization', auth);
          if (g.idempotencyKey !== null) request = request.set('Idempotency-Key', g.idempotencyKey);
          if (g.ifMatch !== null) request = request.set('If-Match', g.ifMatch);
          if (g.contentType !== null) request = request.set('Content-Type', g.contentType);
          const res = await request.send(g.body);
          stats[name][res.status] = (stats[name][res.status] ?? 0) + 1;
          if (process.env.FUZZ_DEBUG && res.status === 400)
            process.stdout.write(`${name} ${res.body.field} ${String(res.body.message).slice(0, 150)}\n`);
          const context = `${endpoint.method.toUpperCase()} ${path.slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          expect({ context, serverError: res.status >= 500 }).toEqual({ context, serverError: false });
          const after = await ledgerDigest(t.pool);
          if (res.status < 400) {
            baseline = after;
            return;
          }
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          expect(res.body).toMatchObject({ statusCode: res.status, message: expect.any(String) });
          expect({ context, explained: typeof res.body.field === 'string' || typeof res.body.rule === 'string' }).toEqual({
            context,
            explained: true,
          });
          if (res.status === 400) expect({ context, field: typeof res.body.field }).toEqual({ context, field: 'string' });
          expect({ context, ledger: after }).toEqual({ context, ledger: baseline });
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, reporter: briefReport },
      );
    },
    Math.max(60_000, RUNS * 200),
  );
});
