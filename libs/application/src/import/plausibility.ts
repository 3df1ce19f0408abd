import type Decimal from 'decimal.js';
import {
  formatRupiah,
  Money,
  paguBreakdown,
  parsePeriod,
  percentage,
  realisationSummary,
  targetsAsOf,
  type PlanLineState,
} from '@renja/domain';
import type { Cell } from './cell-parsers';
import type { ImportOperation } from './import-rows';

/**
 * Figures an import row may record but that are rarely meant: each becomes a warning the user confirms
 * (docs/import-format.md, "Warnings"). The limits are where a misread cell lands, not where a real plan
 * goes: a decimal comma read as a cell boundary, three zeros too many or too few, a target in the wrong unit.
 */
export const ACHIEVEMENT_LIMIT_PERCENT = 200;
export const AMOUNT_FACTOR = 1000;
export const TARGET_FACTOR = 100;

export interface RowWarning {
  row: number;
  column: string;
  /** The cell's text as read. */
  value: string | null;
  rule: 'ACHIEVEMENT_IMPLAUSIBLE' | 'AMOUNT_IMPLAUSIBLE' | 'TARGET_CHANGE_IMPLAUSIBLE';
  message: string;
}

/** A decimal in Indonesian notation: 2.550,00 · 1.000 · 1,96. `places` fixes the decimals; else as many as it has. */
export function formatDecimalId(value: Decimal.Value, places?: number): string {
  const d = new Money(value);
  const [int, frac] = (places === undefined ? d.abs().toFixed() : d.abs().toFixed(places)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** How many times larger the larger of two positive figures is, rounded for a message ("± 1.234 kali"). */
const factorOf = (a: Decimal, b: Decimal) => formatDecimalId((a.greaterThan(b) ? a.div(b) : b.div(a)).toDecimalPlaces(0));

/** "Pagu: "653.027" dibaca sebagai Rp 653.027,00": the cell as written and as the ledger would record it. */
const readAs = (column: string, text: string | null | undefined, shown: string) =>
  `${column}: ${text ? `"${text.trim()}" ` : ''}dibaca sebagai ${shown}`;

type LineOp = Extract<ImportOperation, { kind: 'target' | 'pagu' | 'realisation' }>;

/** The warnings a row deciding `op` gives, from the line as it was before the row and as it is after. */
export function lineWarnings(op: LineOp, before: PlanLineState, after: PlanLineState): RowWarning[] {
  switch (op.kind) {
    case 'target':
      return targetWarnings(op, before);
    case 'pagu':
      return paguWarnings(op, before);
    case 'realisation':
      return realisationWarnings(op, after);
  }
}

function targetWarnings(op: Extract<LineOp, { kind: 'target' }>, before: PlanLineState): RowWarning[] {
  const indicator = before.indicators.find((i) => i.name === op.indicator);
  const previous = indicator ? targetsAsOf(before).get(indicator.indicatorId) : undefined;
  const next = new Money(op.value);
  if (!indicator || !previous || previous.isZero() || next.isZero()) return [];
  const ratio = next.greaterThan(previous) ? next.div(previous) : previous.div(next);
  if (ratio.lessThan(TARGET_FACTOR)) return [];
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  const value = op.at.cells.get('Target')?.text ?? null;
  return [
    {
      row: op.at.row,
      column: 'Target',
      value,
      rule: 'TARGET_CHANGE_IMPLAUSIBLE',
      message: `${readAs('Target', value, `${formatDecimalId(next)}${unit}`)}, sedangkan target "${op.indicator}" yang berlaku ${formatDecimalId(previous)}${unit} — berubah ${factorOf(next, previous)} kali lipat (batas peringatan ${TARGET_FACTOR} kali). Periksa angka dan satuannya.`,
    },
  ];
}

function paguWarnings(op: Extract<LineOp, { kind: 'pagu' }>, before: PlanLineState): RowWarning[] {
  const linePagu = paguBreakdown(before).currentPagu;
  if (linePagu.isZero()) return [];
  const column = op.amount !== undefined ? 'Pagu' : 'Perubahan';
  const figure = new Money(op.amount ?? op.delta!).abs();
  if (figure.isZero()) return [];
  const value = op.at.cells.get(column)?.text ?? null;
  const read = readAs(column, value, formatRupiah(op.amount ?? op.delta!));
  const pagu = `pagu baris ${op.code} saat ini (${formatRupiah(linePagu)})`;
  const check = 'Periksa pemisah ribuan dan desimalnya (1.653.027.794,00).';
  if (figure.greaterThanOrEqualTo(linePagu.times(AMOUNT_FACTOR)))
    return [
      {
        row: op.at.row,
        column,
        value,
        rule: 'AMOUNT_IMPLAUSIBLE',
        message: `${read}, ${factorOf(figure, linePagu)} kali ${pagu}. ${check}`,
      },
    ];
  // A small change (Perubahan) to a large line is ordinary; a pagu set a thousand times below the line's is not.
  if (op.amount !== undefined && figure.times(AMOUNT_FACTOR).lessThanOrEqualTo(linePagu))
    return [
      {
        row: op.at.row,
        column,
        value,
        rule: 'AMOUNT_IMPLAUSIBLE',
        message: `${read}, ${factorOf(figure, linePagu)} kali lebih kecil dari ${pagu}. ${check}`,
      },
    ];
  return [];
}

/** The row of a grouped realisation whose cells hold `column` (and, for an output, that Indikator). */
function rowHolding(op: Extract<LineOp, { kind: 'realisation' }>, column: string, indicator?: string): [number, Cell | undefined] {
  for (const [row, cells] of op.rowCells) {
    if (cells.has(column) && (indicator === undefined || cells.get('Indikator')?.text.trim() === indicator))
      return [row, cells.get(column)];
  }
  return [op.at.row, undefined];
}

function realisationWarnings(op: Extract<LineOp, { kind: 'realisation' }>, after: PlanLineState): RowWarning[] {
  const warnings: RowWarning[] = [];
  // The pagu in effect when the money was spent (a later APBD-P does not make an early realisation small).
  const spentOn = op.effectiveDate ?? parsePeriod(op.period).endDate;
  const pagu = paguBreakdown(after, { validAt: spentOn }).executablePagu;
  if (op.amount !== null && !pagu.isZero()) {
    const amount = new Money(op.amount);
    if (!amount.isZero() && amount.times(AMOUNT_FACTOR).lessThanOrEqualTo(pagu)) {
      const [row, cell] = rowHolding(op, 'Realisasi');
      warnings.push({
        row,
        column: 'Realisasi',
        value: cell?.text ?? null,
        rule: 'AMOUNT_IMPLAUSIBLE',
        message: `${readAs('Realisasi', cell?.text, formatRupiah(amount))}, ${factorOf(amount, pagu)} kali lebih kecil dari pagu baris ${op.code} yang berlaku (${formatRupiah(pagu)}). Periksa pemisah ribuan dan desimalnya (1.653.027.794,00).`,
      });
    }
  }
  const targets = targetsAsOf(after);
  const outputs = realisationSummary(after).outputs;
  for (const output of op.outputs) {
    const indicator = after.indicators.find((i) => i.name === output.indicator);
    const target = indicator && targets.get(indicator.indicatorId);
    const quarters = indicator && outputs.get(indicator.indicatorId);
    if (!indicator || !target || !quarters) continue;
    const total = quarters.reduce<Decimal>((sum, q) => (q ? sum.plus(q) : sum), new Money(0));
    const lower = indicator.direction === 'lower_is_better';
    const achievement = lower ? percentage(target, total) : percentage(total, target);
    if (achievement === null || new Money(achievement).lessThanOrEqualTo(ACHIEVEMENT_LIMIT_PERCENT)) continue;
    const [row, cell] = rowHolding(op, 'Realisasi Kinerja', output.indicator);
    const unit = indicator.unit ? ` ${indicator.unit}` : '';
    warnings.push({
      row,
      column: 'Realisasi Kinerja',
      value: cell?.text ?? null,
      rule: 'ACHIEVEMENT_IMPLAUSIBLE',
      message: `${readAs('Realisasi Kinerja', cell?.text, `${formatDecimalId(output.value)}${unit}`)}; capaian "${output.indicator}" menjadi ${formatDecimalId(achievement, 2)} % (realisasi tahun ini ${formatDecimalId(total)}${unit} dari target ${formatDecimalId(target)}${unit}${lower ? ', semakin rendah semakin baik' : ''}), di atas ${ACHIEVEMENT_LIMIT_PERCENT} %. Periksa angka dan satuannya: mungkin koma desimal terbaca sebagai pemisah sel.`,
    });
  }
  return warnings;
}
