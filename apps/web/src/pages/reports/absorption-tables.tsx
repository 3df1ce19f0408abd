import { AbsorptionBar, Money, Percent } from '../../components/figures';
import { formatPercent as formatPct, formatRupiah as formatMoney, signOf } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { LineLink, RowKind } from './report-shared';
import { inPlanOrder, type HierarchyRow } from './report-rows';
import type { AbsorptionReport, AbsorptionRow } from './report-types';

export type PeriodView = 'quarter' | 'month';

/** A program or kegiatan line with no amount of its own: its subtotal row already says everything. */
const emptyOwnRow = (row: AbsorptionRow) =>
  row.level !== 'sub_kegiatan' &&
  row.originalPagu === null &&
  signOf(row.currentPagu) === 0 &&
  signOf(row.realised) === 0 &&
  signOf(row.lateAdditions) === 0;

/** Programs, kegiatan and lines in plan order; the office total goes in the table foot. */
export const absorptionRows = (report: AbsorptionReport) =>
  inPlanOrder(
    report.programs,
    report.kegiatan,
    report.lines.filter((row) => !emptyOwnRow(row)),
  );

/** The row's heading cells: code (linked to the line) and name, with "Jumlah …" on subtotals. */
function RowHead({ row, subtotal }: { row: AbsorptionRow; subtotal: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <th scope="row">{row.code ? <LineLink code={row.code} /> : t('reports.reconciliation.officeTotal')}</th>
      <td>
        <RowKind level={row.level} subtotal={subtotal} />
        {row.name}
      </td>
    </>
  );
}

/** The late-addition flag: an icon and words, the amount beside them (the report's own figure). */
export function LateFlag({ amount }: { amount: string }) {
  const { t } = useI18n();
  if (signOf(amount) <= 0) return <span className="muted">—</span>;
  return (
    <>
      <span className="flag">
        <span aria-hidden="true">⚑ </span>
        {t('reports.absorption.late')}
      </span>
      <span className="sub">
        <Money value={amount} />
      </span>
    </>
  );
}

const rowClass = (row: AbsorptionRow, subtotal: boolean) => (subtotal ? `subtotal level-${row.level}` : undefined);

export function AbsorptionSummaryTable({ report, rows }: { report: AbsorptionReport; rows: Array<HierarchyRow<AbsorptionRow>> }) {
  const { t } = useI18n();
  const line = (row: AbsorptionRow, subtotal: boolean, key?: string) => (
    <tr key={key} className={rowClass(row, subtotal)}>
      <RowHead row={row} subtotal={subtotal} />
      <td className="num">
        <Money value={row.currentPagu} />
      </td>
      <td className="num">
        <Money value={row.originalPagu} />
      </td>
      <td className="num">
        <Money value={row.realised} />
      </td>
      <td className="num">
        <AbsorptionBar value={row.absorption.current} />
      </td>
      <td className="num">
        <Percent value={row.absorption.original} />
      </td>
      <td>
        <LateFlag amount={row.lateAdditions} />
      </td>
      <td className="num">
        <Percent value={row.absorptionWithoutLateAdditions} />
      </td>
    </tr>
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('reports.absorption.summaryCaption')}>
      <table className="data">
        <caption>{t('reports.absorption.summaryCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.code')}</th>
            <th scope="col">{t('reports.name')}</th>
            <th scope="col" className="num">
              {t('reports.absorption.currentPagu')}
            </th>
            <th scope="col" className="num">
              {t('reports.absorption.originalPagu')}
            </th>
            <th scope="col" className="num">
              {t('reports.absorption.realised')}
            </th>
            <th scope="col" className="num">
              {t('reports.absorption.vsCurrent')}
            </th>
            <th scope="col" className="num">
              {t('reports.absorption.vsOriginal')}
            </th>
            <th scope="col">{t('reports.absorption.late')}</th>
            <th scope="col" className="num">
              {t('reports.absorption.withoutLate')}
            </th>
          </tr>
        </thead>
        <tbody>{rows.map(({ row, subtotal }) => line(row, subtotal, `${row.code}${subtotal ? '-total' : ''}`))}</tbody>
        <tfoot>{line(report.officeTotal, true)}</tfoot>
      </table>
    </div>
  );
}

/** Realisation per period with its running total (the server's), and for quarters the serapan to date. */
export function AbsorptionPeriodTable({
  report,
  rows,
  view,
}: {
  report: AbsorptionReport;
  rows: Array<HierarchyRow<AbsorptionRow>>;
  view: PeriodView;
}) {
  const { t } = useI18n();
  const labels = t(view === 'quarter' ? 'reports.absorption.quarters' : 'reports.absorption.months').split(',');
  const caption = t(view === 'quarter' ? 'reports.absorption.periodCaptionQ' : 'reports.absorption.periodCaptionM');
  const line = (row: AbsorptionRow, subtotal: boolean, key?: string) => (
    <tr key={key} className={rowClass(row, subtotal)}>
      <RowHead row={row} subtotal={subtotal} />
      {labels.map((_, i) => (
        <td key={i} className="num">
          <PeriodCell row={row} index={i} view={view} />
        </td>
      ))}
    </tr>
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.code')}</th>
            <th scope="col">{t('reports.name')}</th>
            {labels.map((label) => (
              <th key={label} scope="col" className="num">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map(({ row, subtotal }) => line(row, subtotal, `${row.code}${subtotal ? '-total' : ''}`))}</tbody>
        <tfoot>{line(report.officeTotal, true)}</tfoot>
      </table>
    </div>
  );
}

function PeriodCell({ row, index, view }: { row: AbsorptionRow; index: number; view: PeriodView }) {
  const { t, locale } = useI18n();
  const amount = view === 'quarter' ? row.byQuarter[index] : row.byMonth[index];
  const cumulative = view === 'quarter' ? row.cumulativeByQuarter[index] : row.cumulativeByMonth[index];
  return (
    <>
      <Money value={amount} />
      <span className="sub">{t('reports.absorption.cumulative', { amount: formatMoney(cumulative, locale) })}</span>
      {view === 'quarter' && (
        <span className="sub">
          {t('reports.absorption.quarterAbsorption', {
            current: formatPct(row.absorptionByQuarter.current[index], locale),
            original: formatPct(row.absorptionByQuarter.original[index], locale),
          })}
        </span>
      )}
    </>
  );
}
