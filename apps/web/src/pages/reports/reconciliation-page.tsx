import { useSearchParams } from 'react-router';
import { QueryView } from '../../components/query-view';
import { PhaseForm } from './phase-select';
import { ReconciliationTable } from './reconciliation-table';
import { ReportHeader, useReport } from './report-shared';
import type { ReconciliationReport } from './report-types';
import { TieOutPanel } from './tie-out';

/** Rekonsiliasi: two phases of the chain (APBD against APBD-P unless the URL names others), tied out. */
export default function ReconciliationPage() {
  const [search] = useSearchParams();
  const from = search.get('from') ?? undefined;
  const to = search.get('to') ?? undefined;
  const { query, path, params } = useReport<ReconciliationReport>('reconciliation', { from, to });
  const shown = { from: query.data?.fromPhase ?? from ?? 'APBD', to: query.data?.toPhase ?? to ?? 'APBD_P' };
  return (
    <section>
      <ReportHeader
        title="reports.reconciliation.title"
        intro="reports.reconciliation.intro"
        path={path}
        params={params}
        formats={['xlsx', 'csv', 'pdf']}
      >
        <PhaseForm shown={shown} />
      </ReportHeader>
      <QueryView query={query}>
        {(report) => (
          <>
            <TieOutPanel report={report} />
            <ReconciliationTable report={report} />
          </>
        )}
      </QueryView>
    </section>
  );
}
