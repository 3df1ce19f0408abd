import type Decimal from 'decimal.js';
import {
  decimalOf,
  percentage,
  renstraAsOf,
  type AsOf,
  type IndicatorDefinedData,
  type RenstraEntry,
  type RenstraFigures,
} from '@renja/domain';
import { fixedOrNull, plusOrNull, sumPresent, zero } from '../shared/amounts';
import type { LineKinerja, MoneyFigures } from '../shared/line-money';
import { idOf } from '../shared/report-memo';
import { rollUpTree } from '../shared/roll-up-tree';
import type { ReportLine, ReportScope } from '../shared/report-lines';
import { notesInForce, type EvaluationNote, type RecordedNote } from './evaluation-notes';
import { averageOf, predikatOf, type Predikat } from './predikat';
import { standingOf, type EvaluationStanding } from './standing';

/** A figure of the form in kinerja (K, the indicator's unit) and Rupiah (Rp); null is missing, never zero. */
export interface KRp {
  k: string | null;
  rp: string | null;
}

export interface EvaluationRow {
  code: string;
  level: string;
  name: string;
  indicator: { id: string; name: string; unit: string; direction: string } | null;
  /** Renstra end-of-period target and realisation up to last year, as recorded (K per indicator, Rp per line). */
  renstraTarget: KRp;
  renstraRealisedToLastYear: KRp;
  target: KRp;
  /** Realisation in triwulan I–IV. */
  realisation: KRp[];
  realisationTotal: KRp;
  /** Realisation ÷ target × 100; for lower-is-better indicators target ÷ realisation × 100. */
  capaian: KRp;
  /** Renstra realisation up to last year + this year's realisation; both needed. */
  renstraCumulative: KRp;
  /** Cumulative ÷ Renstra target × 100 (lower-is-better indicators: target ÷ cumulative × 100). */
  renstraCapaian: KRp;
}

export interface EvaluationSummary {
  code: string | null;
  name: string;
  /** Mean of the capaian K of the indicators under this program that have one. */
  averageCapaianK: string | null;
  indicatorsCounted: number;
  capaianRp: string | null;
  predikatK: Predikat | null;
  predikatRp: Predikat | null;
}

export interface EvaluationReport {
  report: 'evaluation';
  year: number;
  office: { code: string; name: string };
  asOf: AsOf;
  /** Final once the year is complete; before that every predikat is provisional (sementara) at a quarter. */
  standing: EvaluationStanding;
  rows: EvaluationRow[];
  programs: EvaluationSummary[];
  officeSummary: EvaluationSummary;
  /** Faktor pendorong / penghambat / tindak lanjut per quarter, for the office or a line. */
  notes: EvaluationNote[];
  /** Columns no row has a figure in, and why. */
  missing: Array<{ column: string; why: string }>;
}

/** What the evaluation reads besides the lines' figures. */
export interface EvaluationInputs {
  /** Renstra entries per line code (from the line states). */
  renstra: Map<string, readonly RenstraEntry[]>;
  notes: RecordedNote[];
  /** Today's date (YYYY-MM-DD): an evaluation of the running year without validAt is provisional too. */
  today?: string;
}

const NO_INPUTS: EvaluationInputs = { renstra: new Map(), notes: [] };
const NOT_RECORDED = 'no Renstra figure is recorded for this office and year (POST …/lines/{code}/renstra or the import table renstra)';

function capaianK(direction: string, target: Decimal | null, realised: Decimal | null): string | null {
  if (target === null || realised === null) return null;
  return direction === 'lower_is_better' ? percentage(target, realised) : percentage(realised, target);
}

const decimalOrNull = (s: string | null | undefined): Decimal | null => (s === null || s === undefined ? null : decimalOf(s));
const bothOrNull = (a: Decimal | null, b: Decimal | null): Decimal | null => (a !== null && b !== null ? a.plus(b) : null);

/** The money the form shows (pagu as the Rp target, realisation per quarter): the only figures rolled up here. */
type FormMoney = Pick<MoneyFigures, 'currentPagu' | 'hasPagu' | 'quarters'>;

const noMoney = (): FormMoney => ({ currentPagu: zero(), hasPagu: false, quarters: [null, null, null, null] });
const plusMoney = (a: FormMoney, b: FormMoney): FormMoney => ({
  currentPagu: a.currentPagu.plus(b.currentPagu),
  hasPagu: a.hasPagu || b.hasPagu,
  quarters: a.quarters.map((q, i) => plusOrNull(q, b.quarters[i])),
});

function rowsOf(line: ReportLine, money: FormMoney, { targets, outputs }: LineKinerja, renstra: RenstraFigures): EvaluationRow[] {
  const targetRp = money.hasPagu ? money.currentPagu : null;
  const realisedRp = sumPresent(money.quarters);
  const rpCapaian = targetRp && realisedRp ? percentage(realisedRp, targetRp) : null;
  const renstraTargetRp = decimalOrNull(renstra.rp.target);
  const renstraBeforeRp = decimalOrNull(renstra.rp.realisedToLastYear);
  const cumulativeRp = bothOrNull(renstraBeforeRp, realisedRp);
  const row = (indicator: IndicatorDefinedData | null): EvaluationRow => {
    const quarters = indicator ? (outputs.get(indicator.indicatorId) ?? [null, null, null, null]) : [null, null, null, null];
    const target = indicator ? (targets.get(indicator.indicatorId) ?? null) : null;
    const realisedK = sumPresent(quarters);
    const renstraK = indicator ? renstra.k.get(indicator.indicatorId) : undefined;
    const renstraTargetK = decimalOrNull(renstraK?.target);
    const renstraBeforeK = decimalOrNull(renstraK?.realisedToLastYear);
    const cumulativeK = bothOrNull(renstraBeforeK, realisedK);
    return {
      code: line.code,
      level: line.level,
      name: line.name,
      indicator: indicator && { id: indicator.indicatorId, name: indicator.name, unit: indicator.unit, direction: indicator.direction },
      renstraTarget: { k: renstraTargetK?.toString() ?? null, rp: fixedOrNull(renstraTargetRp) },
      renstraRealisedToLastYear: { k: renstraBeforeK?.toString() ?? null, rp: fixedOrNull(renstraBeforeRp) },
      target: { k: target?.toString() ?? null, rp: fixedOrNull(targetRp) },
      realisation: quarters.map((k, i) => ({ k: k?.toString() ?? null, rp: fixedOrNull(money.quarters[i]) })),
      realisationTotal: { k: realisedK?.toString() ?? null, rp: fixedOrNull(realisedRp) },
      capaian: { k: indicator ? capaianK(indicator.direction, target, realisedK) : null, rp: rpCapaian },
      renstraCumulative: { k: cumulativeK?.toString() ?? null, rp: fixedOrNull(cumulativeRp) },
      renstraCapaian: {
        k: indicator ? capaianK(indicator.direction, renstraTargetK, cumulativeK) : null,
        rp: renstraTargetRp && cumulativeRp ? percentage(cumulativeRp, renstraTargetRp) : null,
      },
    };
  };
  return line.indicators.length > 0 ? line.indicators.map(row) : [row(null)];
}

function summary(code: string | null, name: string, rows: EvaluationRow[], money: FormMoney): EvaluationSummary {
  const capaians = rows.filter((r) => r.indicator !== null).map((r) => r.capaian.k);
  const averageCapaianK = averageOf(capaians);
  const realised = sumPresent(money.quarters);
  const capaianRp = money.hasPagu && realised ? percentage(realised, money.currentPagu) : null;
  return {
    code,
    name,
    averageCapaianK,
    indicatorsCounted: capaians.filter((c) => c !== null).length,
    capaianRp,
    predikatK: predikatOf(averageCapaianK),
    predikatRp: predikatOf(capaianRp),
  };
}

const COLUMNS_WITH_WHY: Array<[keyof EvaluationRow, string]> = [
  ['renstraTarget', NOT_RECORDED],
  ['renstraRealisedToLastYear', NOT_RECORDED],
  ['renstraCumulative', "needs the Renstra realisation up to last year and this year's realisation"],
  ['renstraCapaian', 'needs the Renstra target and the cumulative realisation'],
];

function missingColumns(rows: EvaluationRow[]): EvaluationReport['missing'] {
  const empty = (key: keyof EvaluationRow) => rows.every((r) => (r[key] as KRp).k === null && (r[key] as KRp).rp === null);
  return COLUMNS_WITH_WHY.filter(([key]) => empty(key)).map(([column, why]) => ({ column, why }));
}

/**
 * Rows already computed, by the money they were computed from. A line without lines under it rolls up to its
 * own money, the object its kept view holds (shared/line-cache.ts) for as long as the line and what the point
 * of view sees of it are the same; its rows depend on nothing else but its name, indicators, kinerja and
 * Renstra figures. A point of view never asked before still shares most lines' views with earlier ones.
 */
const keptRows = new WeakMap<object, Map<string, EvaluationRow[]>>();

function rowsKept(line: ReportLine, money: FormMoney, kinerja: LineKinerja, renstra: RenstraFigures): EvaluationRow[] {
  const renstraKey =
    renstra.rp.target === null && renstra.rp.realisedToLastYear === null && renstra.k.size === 0
      ? ''
      : JSON.stringify([renstra.rp, [...renstra.k]]);
  const key = [line.code, line.level, line.name, idOf(line.indicators), idOf(kinerja), renstraKey].join('\u0000');
  let byKey = keptRows.get(money);
  if (!byKey) keptRows.set(money, (byKey = new Map()));
  let rows = byKey.get(key);
  if (!rows) byKey.set(key, (rows = rowsOf(line, money, kinerja, renstra)));
  return rows;
}

/** What the form shows of the lines themselves: everything but the standing and the notes. */
export type EvaluationFigures = Pick<EvaluationReport, 'rows' | 'programs' | 'officeSummary' | 'missing'>;

/** Each line's Renstra figures for the scope's point of view (a line without entries has none). */
export function renstraFiguresOf(scope: ReportScope, inputs: EvaluationInputs = NO_INPUTS): Map<string, RenstraFigures> {
  return new Map(scope.lines.map((l) => [l.code, renstraAsOf(inputs.renstra.get(l.code), scope.asOf)]));
}

/** The rows and summaries of the form, from the lines and their Renstra figures (the point of view is in both). */
export function evaluationFigures(scope: ReportScope, renstra: Map<string, RenstraFigures>): EvaluationFigures {
  const views = new Map(scope.lines.map((l) => [l.code, l.view]));
  const rolled = rollUpTree(scope.lines, (code): FormMoney => views.get(code)!.money, plusMoney, noMoney);
  const rows = scope.lines.flatMap((l) => rowsKept(l, rolled.byCode.get(l.code)!, l.view.kinerja, renstra.get(l.code)!));
  const under = (code: string) => rows.filter((r) => r.code === code || r.code.startsWith(`${code}.`));
  return {
    rows,
    programs: scope.lines
      .filter((l) => l.level === 'program')
      .map((p) => summary(p.code, p.name, under(p.code), rolled.byCode.get(p.code)!)),
    officeSummary: summary(null, scope.office.name, rows, rolled.office),
    missing: missingColumns(rows),
  };
}

/** The Renja evaluation form of Permendagri 86/2017, per program, kegiatan, sub kegiatan and indicator. */
export function evaluationReport(
  scope: ReportScope,
  inputs: EvaluationInputs = NO_INPUTS,
  figures: EvaluationFigures = evaluationFigures(scope, renstraFiguresOf(scope, inputs)),
): EvaluationReport {
  const names = new Map(scope.lines.map((l) => [l.code, l.name]));
  return {
    report: 'evaluation',
    year: scope.year,
    office: scope.office,
    asOf: scope.asOf,
    standing: standingOf(scope.year, scope.asOf.validAt, inputs.today),
    rows: figures.rows,
    programs: figures.programs,
    officeSummary: figures.officeSummary,
    notes: notesInForce(inputs.notes, scope.asOf, (code) => (code === null ? scope.office.name : (names.get(code) ?? code))),
    missing: figures.missing,
  };
}
