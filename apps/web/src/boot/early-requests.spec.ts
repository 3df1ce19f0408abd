import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EARLY_REQUESTS_GLOBAL as TAKEN_FROM } from '../api/client';
import { parseAsOf } from '../app/as-of-params';
import { lineHistoryQuery, linePathOf, lineQuery, paguTrailQuery, planQuery } from '../app/page-queries';
import { EARLY_REQUESTS_GLOBAL, earlyPlan } from './early-requests';

/** The path and query each of the app's query functions fetches (fetch is replaced for the test). */
async function fetched(queryFns: Array<() => Promise<unknown>>): Promise<string[]> {
  const urls: string[] = [];
  const realFetch = global.fetch;
  global.fetch = ((url: string) => {
    urls.push(url);
    return Promise.resolve(new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
  }) as typeof fetch;
  try {
    for (const queryFn of queryFns) await queryFn();
  } finally {
    global.fetch = realFetch;
  }
  return urls;
}

const SEARCHES = [
  '',
  '?validAt=2023-06-30',
  '?knownAt=2023-07-01T10:00:00.000Z',
  '?knownAt=2023-07-01&validAt=2023-06-30&other=1',
  '?validAt=30-06-2023&knownAt=yesterday',
  '?validAt=',
];

describe('the boot script’s early requests', () => {
  it.each(SEARCHES)('asks for what the plan route’s loader asks (search "%s")', async (search) => {
    const expected = await fetched([planQuery('2023', 'OPD001', parseAsOf(new URLSearchParams(search))).queryFn]);
    expect(earlyPlan('/2023/OPD001', search)).toEqual({ page: 'plan', requests: expected });
    expect(earlyPlan('/2023/OPD001/', search)).toEqual({ page: 'plan', requests: expected });
  });

  it.each(SEARCHES)('asks for what the line route’s loader asks (search "%s")', async (search) => {
    const asOf = parseAsOf(new URLSearchParams(search));
    const path = linePathOf('2023', 'OPD001', '2.17.03.1.01.0004');
    const expected = await fetched([
      lineQuery(path, asOf).queryFn,
      lineHistoryQuery(path, asOf).queryFn,
      paguTrailQuery(path, asOf.validAt, asOf.knownAt).queryFn,
    ]);
    expect(expected).toHaveLength(3);
    expect(earlyPlan('/2023/OPD001/lines/2.17.03.1.01.0004', search)).toEqual({ page: 'line', requests: expected });
  });

  it('starts nothing for other pages, or for segments that would need decoding', () => {
    for (const path of [
      '/',
      '/integrity',
      '/2023/OPD001/reconciliation',
      '/2023/OPD001/lines/2.17.03.1.01.0004/catat',
      '/2023/OPD001/baris/2.17.03.1.01.0004',
      '/2023/OPD%20001',
      '/2023/OPD001/lines/2.17%2F03',
      '//OPD001',
    ])
      expect(earlyPlan(path, '')).toBeNull();
  });

  it('matches the routes it copies, and leaves its requests where the API client takes them', () => {
    const routes = readFileSync(join(__dirname, '../app/routes.tsx'), 'utf8');
    expect(routes).toContain("path: ':year/:office', loader: prefetchPlan(queries)");
    expect(routes).toContain("path: ':year/:office/lines/:code', loader: prefetchLine(queries)");
    expect(EARLY_REQUESTS_GLOBAL).toBe(TAKEN_FROM);
  });
});
