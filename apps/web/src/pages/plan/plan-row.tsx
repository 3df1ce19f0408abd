import { AsOfLink } from '../../app/as-of';
import { AbsorptionBar, Money } from '../../components/figures';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { fundingSources, type TreeRow } from './plan-tree';
import { CHAIN_PHASES, type Phase, type PlanLine } from './plan-types';

/** Fixed row heights (px): the virtual list places rows from these, so CSS must give exactly them. */
export const ROW_BASE = 58;
export const SOURCE_LINE = 17;

/** A row's height: two lines for the name, plus one line per funding source of its widest phase. */
export function rowHeight(row: TreeRow): number {
  if (row.hasChildren) return ROW_BASE;
  const widest = Math.max(0, ...CHAIN_PHASES.map((phase) => fundingSources(row.line.pagu[phase]).length));
  return ROW_BASE + widest * SOURCE_LINE;
}

/**
 * The amount of one phase. A sub kegiatan (or any line without children) shows its own total and,
 * below it, each funding source. The API rolls only the APBD (originalPagu) up to kegiatan and
 * program, so a parent shows that and leaves the other phases empty (the browser adds nothing).
 */
function PhaseCell({ row, phase, showOriginal }: { row: TreeRow; phase: Phase; showOriginal: boolean }) {
  const { t } = useI18n();
  if (row.hasChildren)
    return <td className="num">{phase === 'APBD' && showOriginal ? <Money value={row.line.totals.originalPagu} /> : null}</td>;
  const amounts = row.line.pagu[phase];
  if (!amounts) return <td className="num" />;
  const sources = fundingSources(amounts);
  return (
    <td className="num">
      <Money value={amounts.total} />
      {sources.length > 0 && (
        <ul className="plan-sources" aria-label={t('plan.sourcesLabel', { phase: t(`phase.${phase}` as MessageKey) })}>
          {sources.map(([source, amount]) => (
            <li key={source}>
              {source} <Money value={amount} />
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

interface RowProps {
  row: TreeRow;
  index: number;
  linePath: (line: PlanLine) => string;
  showOriginal: boolean;
  onToggle: (code: string) => void;
}

export function PlanRow({ row, index, linePath, showOriginal, onToggle }: RowProps) {
  const { t } = useI18n();
  const { line } = row;
  return (
    <tr
      data-testid={`plan-row-${line.code}`}
      aria-rowindex={index + 2}
      className={`plan-row level-${line.level}`}
      style={{ height: rowHeight(row) }}
    >
      <th scope="row" className="plan-code">
        <span className="plan-indent" style={{ paddingLeft: `${row.depth * 1.1}rem` }}>
          {row.hasChildren ? (
            <button
              type="button"
              className="plan-toggle"
              aria-expanded={row.expanded}
              aria-label={t('plan.toggle', { code: line.code })}
              onClick={() => onToggle(line.code)}
            >
              <span aria-hidden="true">{row.expanded ? '▾' : '▸'}</span>
            </button>
          ) : (
            <span className="plan-toggle-space" />
          )}
          <span>
            <AsOfLink to={linePath(line)}>{line.code}</AsOfLink>
            <span className="plan-level">{t(`level.${line.level}` as MessageKey)}</span>
          </span>
        </span>
      </th>
      <td className="plan-name">
        <span>{line.name}</span>
      </td>
      {CHAIN_PHASES.map((phase) => (
        <PhaseCell key={phase} row={row} phase={phase} showOriginal={showOriginal} />
      ))}
      <td className="num">
        <Money value={line.totals.currentPagu} />
      </td>
      <td className="num">
        <Money value={line.totals.realised} />
      </td>
      <td>
        <AbsorptionBar value={line.totals.absorption.current} />
      </td>
    </tr>
  );
}
