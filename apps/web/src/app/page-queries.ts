import { api, ApiError, officeYearPath } from '../api/client';
import type { Plan } from '../pages/plan/plan-types';
import type { HistoryEntry, Line, PaguTrail } from '../pages/line/line-types';
import type { AsOf } from './as-of';

/**
 * The main requests of the plan and line pages, shared by the pages and by their routes' loaders: a loader
 * starts them as soon as the route is known, beside the download of the page's own script, and the page
 * then finds them in flight (same keys) instead of asking only once it has rendered.
 */
export const linePathOf = (year: string, office: string, code: string) =>
  `${officeYearPath(year, office)}/lines/${encodeURIComponent(code)}`;

export const planQuery = (year: string, office: string, { validAt, knownAt }: AsOf) => ({
  queryKey: ['plan', year, office, validAt, knownAt],
  queryFn: () => api.get<Plan>(`${officeYearPath(year, office)}/plan`, { validAt, knownAt }),
});

export const lineQuery = (linePath: string, { validAt, knownAt }: AsOf) => ({
  queryKey: ['line', linePath, validAt, knownAt],
  queryFn: () => api.get<Line>(linePath, { validAt, knownAt }),
  retry: (n: number, e: Error) => !(e instanceof ApiError && e.status === 404) && n < 2,
});

/** The history endpoint answers everything recorded; the dates are passed all the same (the page filters). */
export const lineHistoryQuery = (linePath: string, { validAt, knownAt }: AsOf) => ({
  queryKey: ['line-history', linePath, validAt, knownAt],
  queryFn: () => api.get<HistoryEntry[]>(`${linePath}/history`, { validAt, knownAt }),
});

export const paguTrailQuery = (linePath: string, validAt?: string, knownAt?: string) => {
  const path = `${linePath}/reports/pagu-trail`;
  return {
    queryKey: ['pagu-trail', path, validAt, knownAt],
    queryFn: () => api.get<PaguTrail>(path, { format: 'json', validAt, knownAt }),
  };
};
