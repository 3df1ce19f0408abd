import { Money, Percent } from '../../components/figures';
import { useI18n } from '../../i18n/i18n';
import { LineLink, useOfficeYear } from './report-shared';
import { formatK } from './report-rows';
import type { EvaluationReport, EvaluationRow, KRp, ReportOffice } from './report-types';

type Figure = 'amount' | 'percent';
interface Group {
  label: string;
  pick: (row: EvaluationRow) => KRp;
  figure: Figure;
}

/**
 * The column groups of the Permendagri 86/2017 form, each a K and an Rp column, in the form's order; their
 * numbers (5)–(15) follow Tabel 2.1 of the Renja document, after (1) No … (4) Indikator.
 */
function useGroups(): Group[] {
  const { t } = useI18n();
  const { year } = useOfficeYear();
  return [
    { label: t('reports.evaluation.renstraTarget'), pick: (r) => r.renstraTarget, figure: 'amount' },
    { label: t('reports.evaluation.renstraRealised'), pick: (r) => r.renstraRealisedToLastYear, figure: 'amount' },
    { label: t('reports.evaluation.target', { year }), pick: (r) => r.target, figure: 'amount' },
    ...(['I', 'II', 'III', 'IV'] as const).map((q, i) => ({
      label: t('reports.evaluation.quarter', { q }),
      pick: (r: EvaluationRow) => r.realisation[i] ?? { k: null, rp: null },
      figure: 'amount' as const,
    })),
    { label: t('reports.evaluation.total', { year }), pick: (r) => r.realisationTotal, figure: 'amount' },
    { label: t('reports.evaluation.capaian', { year }), pick: (r) => r.capaian, figure: 'percent' },
    { label: t('reports.evaluation.renstraCumulative', { year }), pick: (r) => r.renstraCumulative, figure: 'amount' },
    { label: t('reports.evaluation.renstraCapaian', { year }), pick: (r) => r.renstraCapaian, figure: 'percent' },
  ];
}

/** Program 1, its kegiatan 1.1, their sub kegiatan 1.1.1, in document order (as on paper). */
function numbering(rows: EvaluationRow[]): string[] {
  const counters = [0, 0, 0];
  const depth: Record<string, number> = { program: 0, kegiatan: 1, sub_kegiatan: 2 };
  let last: string | null = null;
  return rows.map((row) => {
    const d = depth[row.level] ?? 2;
    if (row.code !== last) {
      counters[d] += 1;
      counters.fill(0, d + 1);
      last = row.code;
    }
    return counters.slice(0, d + 1).join('.');
  });
}

/** The evaluation form on screen: one row per line and indicator, K and Rp per column group. */
export function EvaluationForm({ report }: { report: EvaluationReport }) {
  const { t } = useI18n();
  const groups = useGroups();
  const numbers = numbering(report.rows);
  const caption = t('reports.evaluation.caption', { year: report.year });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data evaluation">
        <caption>{caption}</caption>
        <colgroup span={5} />
        {groups.map((group) => (
          <colgroup key={group.label} span={2} />
        ))}
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('reports.evaluation.no')}
            </th>
            <th scope="col" rowSpan={2}>
              {t('reports.code')}
            </th>
            <th scope="col" rowSpan={2}>
              {t('reports.name')}
            </th>
            <th scope="col" rowSpan={2}>
              {t('reports.evaluation.indicator')}
            </th>
            <th scope="col" rowSpan={2}>
              {t('reports.evaluation.unit')}
            </th>
            {groups.map((group) => (
              <th key={group.label} scope="colgroup" colSpan={2}>
                {group.label}
              </th>
            ))}
            <th scope="col" rowSpan={2}>
              {t('reports.evaluation.responsible')}
            </th>
          </tr>
          <tr>
            {groups.map((group) => [
              <th key={`${group.label}-k`} scope="col" className="num">
                <abbr title={t('reports.evaluation.kLong')}>{t('reports.evaluation.k')}</abbr>
              </th>,
              <th key={`${group.label}-rp`} scope="col" className="num">
                <abbr title={t('reports.evaluation.rpLong')}>{t('reports.evaluation.rp')}</abbr>
              </th>,
            ])}
          </tr>
          <tr className="column-numbers">
            {['(1)', '(2)', '(3)', '(4)', '(4)'].map((n, i) => (
              <td key={`lead-${i}`}>{n}</td>
            ))}
            {groups.map((group, i) => (
              <td key={`${group.label}-n`} colSpan={2}>
                ({i + 5})
              </td>
            ))}
            <td>(16)</td>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row, i) => (
            <FormRow key={`${row.code}-${row.indicator?.id ?? ''}`} no={numbers[i]} row={row} groups={groups} office={report.office} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FormRow({ no, row, groups, office }: { no: string; row: EvaluationRow; groups: Group[]; office: ReportOffice }) {
  const { t, locale } = useI18n();
  return (
    <tr className={row.level === 'sub_kegiatan' ? undefined : `subtotal level-${row.level}`}>
      <td>{no}</td>
      <th scope="row">
        <LineLink code={row.code} />
      </th>
      <td>{row.name}</td>
      <td>
        {row.indicator?.name ?? <span className="muted">—</span>}
        {row.indicator?.direction === 'lower_is_better' && <span className="sub">{t('reports.evaluation.lowerIsBetter')}</span>}
      </td>
      <td>{row.indicator?.unit ?? <span className="muted">—</span>}</td>
      {groups.map((group) => {
        const value = group.pick(row);
        return [
          <td key={`${group.label}-k`} className="num">
            {group.figure === 'percent' ? <Percent value={value.k} /> : formatK(value.k, locale)}
          </td>,
          <td key={`${group.label}-rp`} className="num">
            {group.figure === 'percent' ? <Percent value={value.rp} /> : <Money value={value.rp} />}
          </td>,
        ];
      })}
      <td>
        {/* The code, as on paper: the full name on every row would make each row several lines high. */}
        <abbr title={office.name}>{office.code}</abbr>
      </td>
    </tr>
  );
}
