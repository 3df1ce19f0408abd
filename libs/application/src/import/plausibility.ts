import type Decimal from 'decimal.js';
import {
  breakdownOf,
  changesPagu,
  entriesAsOf,
  formatRupiah,
  Money,
  paguBreakdown,
  parsePeriod,
  percentage,
  realisationSummary,
  targetsAsOf,
  type LineEntry,
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

/**
 * The warnings a row deciding `op` gives, from the line as it was before the row and as it is after.
 * `views` (one per import) carries what a line's earlier rows already summed up, so that a realisation row
 * does not fold the whole line again (LineViews); without it every figure is computed from the line's entries.
 */
export function lineWarnings(op: LineOp, before: PlanLineState, after: PlanLineState, views?: LineViews): RowWarning[] {
  switch (op.kind) {
    case 'target':
      return targetWarnings(op, before);
    case 'pagu':
      return paguWarnings(op, before);
    case 'realisation':
      return realisationWarnings(op, after, views?.of(lineKey(op), after) ?? fromScratch(after));
  }
}

const lineKey = (op: LineOp) => `${op.year}|${op.office}|${op.code}`;

/** The figures of a line that a realisation row's warnings read. */
interface RealisationFigures {
  /** The executable pagu in effect on a date (paguBreakdown(state, { validAt }).executablePagu). */
  executablePaguAt(date: string): Decimal;
  /** The target in force per indicator (targetsAsOf(state)). */
  targets(): Map<string, Decimal>;
  /** Per indicator: the sum of the outputs recorded this year, or undefined when none is (from realisationSummary(state).outputs). */
  outputTotal(indicatorId: string): Decimal | undefined;
}

const sumOfQuarters = (quarters: Array<Decimal | null>) => quarters.reduce<Decimal>((sum, q) => (q ? sum.plus(q) : sum), new Money(0));

/** Every figure computed from all of the line's entries, as each row did before LineViews. */
function fromScratch(state: PlanLineState): RealisationFigures {
  let outputs: Map<string, Array<Decimal | null>> | undefined;
  return {
    executablePaguAt: (date) => paguBreakdown(state, { validAt: date }).executablePagu,
    targets: () => targetsAsOf(state),
    outputTotal: (id) => {
      outputs ??= realisationSummary(state).outputs;
      const quarters = outputs.get(id);
      return quarters && sumOfQuarters(quarters);
    },
  };
}

/**
 * One line's figures, kept up to date row by row: most rows of an import append one entry to a line, and
 * only what that entry changes is computed again.
 *
 * - The pagu entries in force (those a breakdown reads), in effective order, and the executable pagu per
 *   prefix of them: `paguBreakdown(state, { validAt })` folds exactly the pagu entries dated on or before
 *   `validAt` in that order (breakdownOf ignores every other entry), which is the prefix up to that date.
 *   Dropped when a pagu or shift entry is appended.
 * - The targets in force: dropped when a target is appended.
 * - Each indicator's output total, extended by each realisation appended. Output values have at most 18
 *   integer and 6 decimal digits (parseDecimalValue), so every sum of them short of 10^15 terms has at most
 *   40 significant digits and Money (precision 40) adds them exactly: the total does not depend on the
 *   order or grouping of the additions, and equals realisationSummary's sum of quarter sums.
 *
 * Anything else (a correction marks an entry superseded, a state that is not the last one plus new
 * entries) rebuilds the view from the line's entries.
 */
class LineView implements RealisationFigures {
  private entries: readonly LineEntry[];
  private pagu: { inForce: LineEntry[]; byPrefix: Map<number, Decimal> } | undefined;
  private targetsInForce: Map<string, Decimal> | undefined;
  private outputs: Map<string, Decimal> | undefined;

  constructor(private state: PlanLineState) {
    this.entries = state.entries;
  }

  /** Brings the view to `state`: entries appended since are folded in; anything else starts again. */
  update(state: PlanLineState): void {
    const previous = this.entries;
    const next = state.entries;
    this.state = state;
    // States never change their entries (evolveLine makes a new array; entriesAsOf relies on that too).
    this.entries = next;
    if (next === previous) return;
    const appended = next.length >= previous.length && previous.every((e, i) => next[i] === e) ? next.slice(previous.length) : null;
    if (!appended || appended.some((e) => e.supersededBy || e.corrects)) {
      this.pagu = this.targetsInForce = this.outputs = undefined;
      return;
    }
    for (const entry of appended) {
      if (changesPagu(entry)) this.pagu = undefined;
      if (entry.kind === 'target') this.targetsInForce = undefined;
      if (entry.kind === 'realisation' && this.outputs)
        for (const { indicatorId, value } of entry.data.outputs)
          this.outputs.set(indicatorId, (this.outputs.get(indicatorId) ?? new Money(0)).plus(new Money(value)));
    }
  }

  executablePaguAt(date: string): Decimal {
    this.pagu ??= { inForce: entriesAsOf(this.state).filter(changesPagu), byPrefix: new Map() };
    const { inForce, byPrefix } = this.pagu;
    let prefix = 0;
    while (prefix < inForce.length && inForce[prefix].effectiveDate <= date) prefix++;
    let pagu = byPrefix.get(prefix);
    if (pagu === undefined) byPrefix.set(prefix, (pagu = breakdownOf(inForce.slice(0, prefix)).executablePagu));
    return pagu;
  }

  targets(): Map<string, Decimal> {
    return (this.targetsInForce ??= targetsAsOf(this.state));
  }

  outputTotal(indicatorId: string): Decimal | undefined {
    this.outputs ??= new Map([...realisationSummary(this.state).outputs].map(([id, quarters]) => [id, sumOfQuarters(quarters)]));
    return this.outputs.get(indicatorId);
  }
}

/** The LineView of every line an import's rows change: one set per import (the decider's). */
export class LineViews {
  private readonly views = new Map<string, LineView>();

  of(line: string, state: PlanLineState): RealisationFigures {
    const view = this.views.get(line);
    if (view) view.update(state);
    else this.views.set(line, new LineView(state));
    return this.views.get(line)!;
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
  // The message is written only for a row that gets one (most rows do not).
  const warning = (relation: string): RowWarning[] => {
    const value = op.at.cells.get(column)?.text ?? null;
    const read = readAs(column, value, formatRupiah(op.amount ?? op.delta!));
    const pagu = `pagu baris ${op.code} saat ini (${formatRupiah(linePagu)})`;
    const check = 'Periksa pemisah ribuan dan desimalnya (1.653.027.794,00).';
    return [
      {
        row: op.at.row,
        column,
        value,
        rule: 'AMOUNT_IMPLAUSIBLE',
        message: `${read}, ${factorOf(figure, linePagu)} ${relation} ${pagu}. ${check}`,
      },
    ];
  };
  if (figure.greaterThanOrEqualTo(linePagu.times(AMOUNT_FACTOR))) return warning('kali');
  // A small change (Perubahan) to a large line is ordinary; a pagu set a thousand times below the line's is not.
  if (op.amount !== undefined && figure.times(AMOUNT_FACTOR).lessThanOrEqualTo(linePagu)) return warning('kali lebih kecil dari');
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

function realisationWarnings(
  op: Extract<LineOp, { kind: 'realisation' }>,
  after: PlanLineState,
  figures: RealisationFigures,
): RowWarning[] {
  const warnings: RowWarning[] = [];
  // The pagu in effect when the money was spent (a later APBD-P does not make an early realisation small).
  const spentOn = op.effectiveDate ?? parsePeriod(op.period).endDate;
  const pagu = figures.executablePaguAt(spentOn);
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
  for (const output of op.outputs) {
    const indicator = after.indicators.find((i) => i.name === output.indicator);
    const target = indicator && figures.targets().get(indicator.indicatorId);
    const total = indicator && figures.outputTotal(indicator.indicatorId);
    if (!indicator || !target || !total) continue;
    const lower = indicator.direction === 'lower_is_better';
    // Below the limit without dividing: a positive denominator and a quotient under 2 give a percentage of
    // at most 200,00 however it is rounded (rounding never passes a value it can represent).
    const [numerator, denominator] = lower ? [target, total] : [total, target];
    if (denominator.isPositive() && !denominator.isZero() && numerator.lessThan(denominator.times(ACHIEVEMENT_LIMIT_PERCENT / 100)))
      continue;
    const achievement = percentage(numerator, denominator);
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
