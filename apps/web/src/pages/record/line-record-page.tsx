import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, officeYearPath } from '../../api/client';
import { useSession } from '../../api/session';
import { AsOfLink } from '../../app/as-of';
import { Money } from '../../components/figures';
import { usePageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useI18n } from '../../i18n/i18n';
import type { Line } from '../line/line-types';
import { EvaluationNoteForm } from './evaluation-note-form';
import { FormChoice } from './form-choice';
import { IndicatorForm } from './indicator-form';
import { PaguForm } from './pagu-form';
import { writeRights } from './permissions';
import { RealisationForm } from './realisation-form';
import { RenstraForm } from './renstra-form';
import { TargetForm } from './target-form';
import './record.css';

/**
 * Catat perubahan: the forms of one line (pagu, realisasi, target, indicator, Renstra figures, a quarter's
 * faktor notes), those the user's roles allow. The line is read once as the user sees it; its version goes with every write as If-Match.
 */
export default function LineRecordPage() {
  const { year = '', office = '', code = '' } = useParams();
  const { t } = useI18n();
  const { session } = useSession();
  usePageTitle(t('record.lineTitle', { code }), `${office} ${year}`);
  const linePath = `${officeYearPath(year, office)}/lines/${encodeURIComponent(code)}`;
  const line = useQuery({ queryKey: ['record-line', linePath], queryFn: () => api.get<Line>(linePath) });
  // The version the user saw: fixed when the line first arrives, moved only by their own saves or a reload.
  const [seen, setSeen] = useState<number | null>(null);
  const [instance, setInstance] = useState(0);
  if (seen === null && line.data) setSeen(line.data.version);

  const rights = writeRights(session, office);
  const forms = [
    ...(rights.paguPhases.length ? ['pagu'] : []),
    ...(rights.budget ? ['realisation'] : []),
    ...(rights.plan ? ['target', 'indicator', 'renstra', 'note'] : []),
  ];
  const [search] = useSearchParams();
  const form = forms.includes(search.get('form') ?? '') ? (search.get('form') as string) : forms[0];
  const reload = async () => {
    const fresh = await line.refetch();
    if (fresh.data) setSeen(fresh.data.version);
    setInstance((n) => n + 1);
  };

  return (
    <article>
      <p>
        <AsOfLink to={`/${year}/${office}/lines/${code}`}>{t('record.backToLine', { code })}</AsOfLink>
      </p>
      <h1>{t('record.lineTitle', { code })}</h1>
      {session && !forms.length ? (
        <p className="notice">{t('record.noRights')}</p>
      ) : (
        <QueryView query={line}>
          {(data) => (
            <>
              <p className="line-name">
                {data.name} · <Money value={data.totals.currentPagu} />
              </p>
              <p className="hint" data-testid="seen-version">
                {t('record.seenVersion', { version: seen ?? data.version })}
              </p>
              {form && <FormChoice forms={forms} current={form} />}
              {seen !== null && form && (
                <div key={`${form}-${instance}`}>
                  {form === 'pagu' && (
                    <PaguForm
                      linePath={linePath}
                      seenVersion={seen}
                      onSaved={setSeen}
                      onReload={() => void reload()}
                      phases={rights.paguPhases}
                    />
                  )}
                  {form === 'realisation' && (
                    <RealisationForm
                      linePath={linePath}
                      seenVersion={seen}
                      onSaved={setSeen}
                      onReload={() => void reload()}
                      year={year}
                      indicators={data.indicators}
                    />
                  )}
                  {form === 'target' && (
                    <TargetForm
                      linePath={linePath}
                      seenVersion={seen}
                      onSaved={setSeen}
                      onReload={() => void reload()}
                      indicators={data.indicators}
                    />
                  )}
                  {form === 'indicator' && (
                    <IndicatorForm linePath={linePath} seenVersion={seen} onSaved={setSeen} onReload={() => void reload()} />
                  )}
                  {form === 'renstra' && (
                    <RenstraForm
                      linePath={linePath}
                      seenVersion={seen}
                      onSaved={setSeen}
                      onReload={() => void reload()}
                      indicators={data.indicators}
                    />
                  )}
                  {form === 'note' && <EvaluationNoteForm officePath={officeYearPath(year, office)} year={year} code={code} />}
                </div>
              )}
            </>
          )}
        </QueryView>
      )}
    </article>
  );
}
