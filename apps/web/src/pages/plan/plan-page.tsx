import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { officeYearPath } from '../../api/client';
import { planQuery } from '../../app/page-queries';
import { useAsOf } from '../../app/as-of';
import { Downloads } from '../../components/downloads';
import { usePageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { formatPercent, formatRupiah } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { RecordLink } from '../record/record-link';
import { PlanTable } from './plan-table';
import { parentCodes, visibleRows } from './plan-tree';
import type { Plan, PlanLine } from './plan-types';
import './plan.css';

/**
 * Rencana: the office-year's plan tree with pagu per phase and funding source, realisasi and serapan.
 * The search text (q) and the "changed" filter live in the URL with validAt/knownAt, so a pasted link
 * reopens the same view. The downloads are the API's own files of the plan (one row per line plus the
 * office total) for the same validAt/knownAt; the search and the "changed" filter only narrow the screen.
 */
export default function PlanPage() {
  const { year = '', office = '' } = useParams();
  const { t } = useI18n();
  const { validAt, knownAt } = useAsOf();
  usePageTitle(t('plan.title', { office, year }));
  const plan = useQuery(planQuery(year, office, { validAt, knownAt }));
  return (
    <section>
      <h1>{t('plan.title', { office, year })}</h1>
      <RecordLink year={year} office={office} />
      <Downloads path={`${officeYearPath(year, office)}/plan`} query={{ validAt, knownAt }} />
      <QueryView query={plan}>{(data) => <PlanView plan={data} />}</QueryView>
    </section>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const changedOnly = params.get('changed') === '1';
  // Collapsed parents: a view state, not part of the link. A new filter opens everything again.
  const [collapsed, setCollapsed] = useState<{ key: string; codes: Set<string> }>({ key: '', codes: new Set() });
  const filterKey = `${query}\u0000${changedOnly}`;
  const collapsedCodes = useMemo(() => (collapsed.key === filterKey ? collapsed.codes : new Set<string>()), [collapsed, filterKey]);

  const setParam = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const rows = useMemo(
    () => visibleRows(plan.lines, { query, changedOnly, collapsed: collapsedCodes }),
    [plan.lines, query, changedOnly, collapsedCodes],
  );
  const toggle = useCallback(
    (code: string) => {
      const codes = new Set(collapsedCodes);
      if (codes.has(code)) codes.delete(code);
      else codes.add(code);
      setCollapsed({ key: filterKey, codes });
    },
    [collapsedCodes, filterKey],
  );
  const linePath = useCallback((line: PlanLine) => `/${plan.year}/${plan.office.code}/lines/${line.code}`, [plan.year, plan.office.code]);

  return (
    <>
      <p className="muted">{plan.office.name}</p>
      <p>
        {t('plan.summary', {
          pagu: formatRupiah(plan.totals.currentPagu, locale),
          realised: formatRupiah(plan.totals.realised, locale),
          absorption: formatPercent(plan.totals.absorption.current, locale),
        })}
      </p>
      <div className="plan-tools">
        <div className="plan-field">
          <label htmlFor="plan-search">{t('plan.search')}</label>
          <input
            id="plan-search"
            type="search"
            data-testid="plan-search"
            value={query}
            aria-describedby="plan-search-hint"
            onChange={(e) => setParam('q', e.target.value)}
          />
          <span id="plan-search-hint" className="hint">
            {t('plan.searchHint')}
          </span>
        </div>
        <div className="plan-field plan-check">
          <span>
            <input
              id="plan-changed"
              type="checkbox"
              checked={changedOnly}
              aria-describedby="plan-changed-hint"
              onChange={(e) => setParam('changed', e.target.checked ? '1' : '')}
            />
            <label htmlFor="plan-changed">{t('plan.changedOnly')}</label>
          </span>
          <span id="plan-changed-hint" className="hint">
            {t('plan.changedHint')}
          </span>
        </div>
        <div className="plan-buttons">
          <button type="button" className="secondary" onClick={() => setCollapsed({ key: filterKey, codes: new Set() })}>
            {t('plan.expandAll')}
          </button>
          <button type="button" className="secondary" onClick={() => setCollapsed({ key: filterKey, codes: parentCodes(plan.lines) })}>
            {t('plan.collapseAll')}
          </button>
        </div>
      </div>
      <p className="hint">{t('plan.parentPhaseNote')}</p>
      {plan.lines.length === 0 ? (
        <p>{t('plan.empty')}</p>
      ) : (
        <>
          {rows.length === 0 && <p role="status">{t('plan.noMatch')}</p>}
          <PlanTable plan={plan} rows={rows} linePath={linePath} onToggle={toggle} />
        </>
      )}
    </>
  );
}
