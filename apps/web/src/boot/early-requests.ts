/**
 * What the first page needs from the server, worked out from its URL alone, before the app's own script has
 * arrived: the plan and line pages' main requests (the same URLs their route loaders ask, app/page-queries.ts)
 * and which page's script to fetch. Self-contained on purpose: boot.ts is a separate, tiny script, and an
 * import shared with the app would put that code in a chunk of its own that both load.
 */
export type EarlyPage = 'plan' | 'line';

export interface EarlyPlan {
  page: EarlyPage;
  /** Same-origin GET paths with their query, exactly as the app's api.get writes them. */
  requests: string[];
}

/** The global the boot script leaves its requests in; api/client.ts takes each one once (same name there). */
export const EARLY_REQUESTS_GLOBAL = '__renjaEarlyRequests';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;
/** Segments that need no decoding: the route's parameters are then the segments themselves. */
const PLAIN = /^[A-Za-z0-9._~-]+$/;

function withQuery(path: string, query: Array<[string, string | undefined]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of query) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The plan page is /:year/:office and the line page /:year/:office/lines/:code (app/routes.tsx; no other route
 * has two segments, or four with "lines" third). Anything else, or a segment that would need decoding: null.
 */
export function earlyPlan(pathname: string, search: string): EarlyPlan | null {
  const segments = pathname.replace(/\/+$/, '').split('/').slice(1);
  if (!segments.every((s) => PLAIN.test(s))) return null;
  const params = new URLSearchParams(search);
  const validAt = params.get('validAt') ?? undefined;
  const knownAt = params.get('knownAt') ?? undefined;
  const asOf: Array<[string, string | undefined]> = [
    ['validAt', validAt && DATE.test(validAt) ? validAt : undefined],
    ['knownAt', knownAt && TIMESTAMP.test(knownAt) ? knownAt : undefined],
  ];
  const [year, office, lines, code] = segments;
  const officePath = `/api/v1/years/${year}/offices/${office}`;
  if (segments.length === 2) return { page: 'plan', requests: [withQuery(`${officePath}/plan`, asOf)] };
  if (segments.length === 4 && lines.toLowerCase() === 'lines') {
    const linePath = `${officePath}/lines/${code}`;
    return {
      page: 'line',
      requests: [
        withQuery(linePath, asOf),
        withQuery(`${linePath}/history`, asOf),
        withQuery(`${linePath}/reports/pagu-trail`, [['format', 'json'], ...asOf]),
      ],
    };
  }
  return null;
}
