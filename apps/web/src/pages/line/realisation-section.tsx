import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { Downloads } from '../../components/downloads';
import { QueryView } from '../../components/query-view';
import { useI18n } from '../../i18n/i18n';
import type { AbsorptionReport } from './line-types';
import { SCurve } from './s-curve';

/**
 * Realisasi: the line endpoint gives realisation per quarter only, so the cumulative figures (and the
 * months, when the line records by month) come from the office's absorption report, as of the same
 * dates — the browser adds nothing up. Its files are the office-wide absorption report.
 */
/** The office's absorption report as a query (started by the line page at once, beside the line itself). */
export const absorptionQuery = (officePath: string, validAt?: string, knownAt?: string) => {
  const path = `${officePath}/reports/absorption`;
  return {
    queryKey: ['absorption', path, validAt, knownAt],
    queryFn: () => api.get<AbsorptionReport>(path, { format: 'json', validAt, knownAt }),
  };
};

export function RealisationSection({
  officePath,
  code,
  validAt,
  knownAt,
  ready = true,
}: {
  officePath: string;
  code: string;
  validAt?: string;
  knownAt?: string;
  /** False while the page's first answers are still coming: the report is asked for after them. */
  ready?: boolean;
}) {
  const { t } = useI18n();
  const path = `${officePath}/reports/absorption`;
  const report = useQuery({ ...absorptionQuery(officePath, validAt, knownAt), enabled: ready });
  return (
    <section aria-labelledby="realisation-heading">
      <h2 id="realisation-heading">{t('line.realisation')}</h2>
      <QueryView query={report}>
        {(data) => {
          const line = [...data.lines, ...data.kegiatan, ...data.programs].find((l) => l.code === code);
          return line ? <SCurve code={code} line={line} /> : <p>{t('line.absorptionMissing')}</p>;
        }}
      </QueryView>
      <Downloads path={path} query={{ validAt, knownAt }} />
    </section>
  );
}
