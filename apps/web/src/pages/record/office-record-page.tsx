import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, officeYearPath } from '../../api/client';
import { useSession } from '../../api/session';
import { AsOfLink } from '../../app/as-of';
import { usePageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useI18n } from '../../i18n/i18n';
import type { Plan } from '../plan/plan-types';
import { EvaluationNoteForm } from './evaluation-note-form';
import { FormChoice } from './form-choice';
import { writeRights } from './permissions';
import { RegisterLineForm } from './register-line-form';
import { ShiftForm } from './shift-form';
import './record.css';

/** Catat for an office-year: register a line or a quarter's faktor notes (planner), a pergeseran between two lines (finance). */
export default function OfficeRecordPage() {
  const { year = '', office = '' } = useParams();
  const { t } = useI18n();
  const { session } = useSession();
  usePageTitle(t('record.officeTitle', { office, year }));
  const officePath = officeYearPath(year, office);
  const rights = writeRights(session, office);
  const forms = [...(rights.plan ? ['line', 'note'] : []), ...(rights.budget ? ['shift'] : [])];
  const [search] = useSearchParams();
  const form = forms.includes(search.get('form') ?? '') ? (search.get('form') as string) : forms[0];
  const [instance, setInstance] = useState(0);
  // The plan as the user sees it now: the lines to shift between, and the giving line's version.
  const plan = useQuery({
    queryKey: ['record-plan', officePath],
    queryFn: () => api.get<Plan>(`${officePath}/plan`),
    enabled: form === 'shift',
    staleTime: Infinity,
  });
  const reload = async () => {
    await plan.refetch();
    setInstance((n) => n + 1);
  };

  return (
    <article>
      <p>
        <AsOfLink to={`/${year}/${office}`}>{t('record.backToPlan', { office, year })}</AsOfLink>
      </p>
      <h1>{t('record.officeTitle', { office, year })}</h1>
      {session && !forms.length && <p className="notice">{t('record.noRights')}</p>}
      {form && <FormChoice forms={forms} current={form} />}
      {form === 'line' && <RegisterLineForm officePath={officePath} />}
      {form === 'note' && <EvaluationNoteForm officePath={officePath} year={year} />}
      {form === 'shift' && (
        <QueryView query={plan}>
          {(data) => <ShiftForm key={instance} officePath={officePath} lines={data.lines} onReload={() => void reload()} />}
        </QueryView>
      )}
    </article>
  );
}
