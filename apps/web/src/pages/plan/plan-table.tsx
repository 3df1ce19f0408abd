import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { AbsorptionBar, Money } from '../../components/figures';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { PlanRow, rowHeight } from './plan-row';
import type { TreeRow } from './plan-tree';
import { CHAIN_PHASES, type Plan, type PlanLine } from './plan-types';

/** Up to this many rows everything is rendered (the browser's own find works); above it, only what is in view. */
const RENDER_ALL_UP_TO = 150;
const COLUMNS = 2 + CHAIN_PHASES.length + 3;

interface Props {
  plan: Plan;
  rows: TreeRow[];
  linePath: (line: PlanLine) => string;
  onToggle: (code: string) => void;
}

/**
 * The plan as a table whose body is virtualised: a whole office (~670 lines) scrolls smoothly because
 * only the rows in view (plus a margin) are in the DOM, between two spacer rows. Row heights are
 * fixed per row (rowHeight), the header sticks to the top of the scroll box and the office totals to
 * its bottom. aria-rowcount/aria-rowindex tell assistive technology how many rows there really are.
 */
export function PlanTable({ plan, rows, linePath, onToggle }: Props) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => rowHeight(rows[index]),
    overscan: rows.length <= RENDER_ALL_UP_TO ? RENDER_ALL_UP_TO : 12,
    getItemKey: (index) => rows[index].line.code,
  });
  const items = virtualizer.getVirtualItems();
  const before = items.length ? items[0].start : 0;
  const after = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  // Phases nobody in this plan has get a narrow column (fixed layout: widths must not jump while scrolling).
  const used = new Set(plan.lines.flatMap((line) => Object.keys(line.pagu)));
  const showOriginal = used.has('APBD');

  return (
    <div className="plan-scroll" ref={scroller} role="region" aria-label={t('plan.tableRegion')} tabIndex={0}>
      <table className="data plan-table" aria-rowcount={rows.length + 2}>
        <caption className="visually-hidden">
          {t('plan.caption', { office: plan.office.code, year: plan.year, count: rows.length, total: plan.lines.length })}
        </caption>
        <colgroup>
          <col style={{ width: '15rem' }} />
          <col style={{ width: '19rem' }} />
          {CHAIN_PHASES.map((phase) => (
            <col key={phase} style={{ width: used.has(phase) ? '12.5rem' : '7rem' }} />
          ))}
          <col style={{ width: '12.5rem' }} />
          <col style={{ width: '12.5rem' }} />
          <col style={{ width: '10rem' }} />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('plan.colCode')}</th>
            <th scope="col">{t('plan.colName')}</th>
            {CHAIN_PHASES.map((phase) => (
              <th key={phase} scope="col" className="num">
                {t(`phase.${phase}` as MessageKey)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('plan.colCurrent')}
            </th>
            <th scope="col" className="num">
              {t('plan.colRealised')}
            </th>
            <th scope="col">{t('plan.colAbsorption')}</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true" className="plan-spacer">
              <td colSpan={COLUMNS} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => (
            <PlanRow
              key={item.key}
              row={rows[item.index]}
              index={item.index}
              linePath={linePath}
              showOriginal={showOriginal}
              onToggle={onToggle}
            />
          ))}
          {after > 0 && (
            <tr aria-hidden="true" className="plan-spacer">
              <td colSpan={COLUMNS} style={{ height: after }} />
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr aria-rowindex={rows.length + 2}>
            <th scope="row" colSpan={2}>
              {t('plan.officeTotal')}
            </th>
            {CHAIN_PHASES.map((phase) => (
              <td key={phase} className="num">
                {phase === 'APBD' && showOriginal ? <Money value={plan.totals.originalPagu} /> : null}
              </td>
            ))}
            <td className="num">
              <Money value={plan.totals.currentPagu} />
            </td>
            <td className="num">
              <Money value={plan.totals.realised} />
            </td>
            <td>
              <AbsorptionBar value={plan.totals.absorption.current} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
