import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { parseAsOf } from './as-of';
import { lineHistoryQuery, linePathOf, lineQuery, paguTrailQuery, planQuery } from './page-queries';
import { Shell } from './shell';
import { Home } from '../pages/home';
import { NotFound } from '../pages/not-found';

/**
 * Every view is a URL (docs/web.md): office, year, line and report in the path, validAt/knownAt in
 * the query. Pages other than Beranda are loaded on demand so the first paint sends little script.
 */
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/** The route's dates, read from the URL the way the pages read them. */
const asOfOf = (request: Request) => parseAsOf(new URL(request.url).searchParams);

/**
 * Loaders start a page's main requests at once, beside the download of its script (they return nothing:
 * the page reads the same queries; a refusal shows on the page, not as a routing error).
 */
const prefetchPlan =
  (queries: QueryClient) =>
  ({ params, request }: LoaderFunctionArgs) => {
    void queries.prefetchQuery(planQuery(params.year ?? '', params.office ?? '', asOfOf(request)));
    return null;
  };
const prefetchLine =
  (queries: QueryClient) =>
  ({ params, request }: LoaderFunctionArgs) => {
    const asOf = asOfOf(request);
    const path = linePathOf(params.year ?? '', params.office ?? '', params.code ?? '');
    void queries.prefetchQuery(lineQuery(path, asOf));
    void queries.prefetchQuery(lineHistoryQuery(path, asOf));
    void queries.prefetchQuery(paguTrailQuery(path, asOf.validAt, asOf.knownAt));
    return null;
  };

export const routes = (queries: QueryClient): RouteObject[] => [
  {
    path: '/',
    Component: Shell,
    children: [
      { index: true, Component: Home },
      { path: 'integrity', ...page(() => import('../pages/integrity/integrity-page')) },
      { path: 'pengguna', ...page(() => import('../pages/users/users-page')) },
      { path: 'peran', ...page(() => import('../pages/users/roles-page')) },
      { path: 'impor', ...page(() => import('../pages/import/import-page')) },
      { path: 'perangkat-daerah', ...page(() => import('../pages/record/register-office-page')) },
      { path: ':year/:office/catat', ...page(() => import('../pages/record/office-record-page')) },
      { path: ':year/:office/lines/:code/catat', ...page(() => import('../pages/record/line-record-page')) },
      { path: ':year/:office', loader: prefetchPlan(queries), ...page(() => import('../pages/plan/plan-page')) },
      { path: ':year/:office/lines/:code', loader: prefetchLine(queries), ...page(() => import('../pages/line/line-page')) },
      { path: ':year/:office/lines/:code/koreksi/:eventId', ...page(() => import('../pages/correct/correct-page')) },
      { path: ':year/:office/reconciliation', ...page(() => import('../pages/reports/reconciliation-page')) },
      { path: ':year/:office/absorption', ...page(() => import('../pages/reports/absorption-page')) },
      { path: ':year/:office/evaluation', ...page(() => import('../pages/reports/evaluation-page')) },
      { path: ':year/:office/consistency', ...page(() => import('../pages/reports/consistency-page')) },
      { path: ':year/:office/changes', ...page(() => import('../pages/changes/changes-page')) },
      { path: '*', Component: NotFound },
    ],
  },
];

export const createRouter = (queries: QueryClient) => createBrowserRouter(routes(queries));
