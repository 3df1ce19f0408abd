import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, officeYearPath, type Query } from '../../api/client';
import { useAsOf } from '../../app/as-of';
import { Downloads } from '../../components/downloads';
import { usePageTitle } from '../../components/page-title';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import './reports.css';

/** Year and office of the current URL (the routes always carry both). */
export function useOfficeYear(): { year: string; office: string } {
  const { year = '', office = '' } = useParams();
  return { year, office };
}

/**
 * One report of the office-year, as of the URL's validAt/knownAt (`asOf: false` for a report the
 * server computes over everything recorded only). `extra` carries the report's own parameters.
 */
export function useReport<T>(name: string, extra: Query = {}, asOf = true): { query: UseQueryResult<T>; path: string; params: Query } {
  const { year, office } = useOfficeYear();
  const { validAt, knownAt } = useAsOf();
  const path = `${officeYearPath(year, office)}/reports/${name}`;
  const params: Query = { ...(asOf ? { validAt, knownAt } : {}), ...extra };
  const query = useQuery({
    queryKey: ['report', name, year, office, params],
    queryFn: () => api.get<T>(path, { ...params, format: 'json' }),
  });
  return { query, path, params };
}

/** The page heading: report name with office and year, what the report answers, and its files. */
export function ReportHeader(props: {
  title: MessageKey;
  intro: MessageKey;
  path: string;
  params: Query;
  formats: string[];
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { year, office } = useOfficeYear();
  const title = t(props.title);
  usePageTitle(title, `${office} ${year}`);
  return (
    <header className="report-header">
      <h1>{t('reports.heading', { report: title, office, year })}</h1>
      <p className="report-intro">{t(props.intro)}</p>
      {props.children}
      <Downloads path={props.path} query={props.params} formats={props.formats} />
    </header>
  );
}

/** Pass or fail said in words with an icon, never by colour alone. */
export function PassFail({ ok, okText, failText }: { ok: boolean; okText?: string; failText?: string }) {
  const { t } = useI18n();
  return (
    <span className={ok ? 'pass' : 'fail'}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      {ok ? (okText ?? t('reports.match')) : (failText ?? t('reports.mismatch'))}
    </span>
  );
}

/**
 * A line's code linking to its line page, keeping validAt/knownAt; `eventId` jumps to that event
 * (#event-…). Built here rather than with AsOfLink, which would put the query after the fragment.
 */
export function LineLink({ code, eventId, children }: { code: string; eventId?: string; children?: ReactNode }) {
  const { year, office } = useOfficeYear();
  const { search } = useAsOf();
  const pathname = `/${year}/${office}/lines/${encodeURIComponent(code)}`;
  return <Link to={{ pathname, search, hash: eventId ? `event-${eventId}` : '' }}>{children ?? code}</Link>;
}

/** "Program" / "Kegiatan" / "Sub kegiatan" for a row's level, or the level as sent. */
export function useLevelLabel(): (level: string) => string {
  const { t } = useI18n();
  return (level) => (['program', 'kegiatan', 'sub_kegiatan'].includes(level) ? t(`level.${level}` as MessageKey) : level);
}

/** A phase name as people say it (APBD-P, KUA-PPAS), or the code as sent. */
export function usePhaseLabel(): (phase: string | null | undefined) => string {
  const { t } = useI18n();
  const known = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P', 'PRAKIRAAN_MAJU'];
  return (phase) => (!phase ? '—' : known.includes(phase) ? t(`phase.${phase}` as MessageKey) : phase);
}

/** The label above a row's name: "Jumlah Kegiatan" on a subtotal, "Angka Kegiatan ini sendiri" on a program or kegiatan's own amounts. */
export function RowKind({ level, subtotal }: { level: string; subtotal: boolean }) {
  const { t } = useI18n();
  const label = useLevelLabel()(level);
  if (level === 'office' || (!subtotal && level === 'sub_kegiatan')) return null;
  return <span className="sub">{t(subtotal ? 'reports.subtotalOf' : 'reports.ownAmounts', { level: label })}</span>;
}
