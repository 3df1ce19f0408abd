import type Decimal from 'decimal.js';
import { percentage, type AsOf, type IndicatorDefinedData } from '@renja/domain';
import { fixedOrNull, plusOrNull, sumPresent, zero } from '../shared/amounts';
import type { LineKinerja, MoneyFigures } from '../shared/line-money';
import { rollUpTree } from '../shared/roll-up-tree';
import type { ReportLine, ReportScope } from '../shared/report-lines';
import { averageOf, predikatOf, type Predikat } from './predikat';

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
  /** Not recorded in the ledger yet (Renstra targets and earlier years): always missing. */
  renstraTarget: KRp;
  renstraRealisedToLastYear: KRp;
  target: KRp;
  /** Realisation in triwulan I–IV. */
  realisation: KRp[];
  realisationTotal: KRp;
  /** Realisation ÷ target × 100; for lower-is-better indicators target ÷ realisation × 100. */
  capaian: KRp;
  renstraCumulative: KRp;
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
  rows: EvaluationRow[];
  programs: EvaluationSummary[];
  officeSummary: EvaluationSummary;
  missing: Array<{ column: string; why: string }>;
}

const MISSING: KRp = { k: null, rp: null };
const NOT_IN_LEDGER = 'Renstra targets and realisation before this year are not recorded in the ledger yet';

function capaianK(direction: string, target: Decimal | null, realised: Decimal | null): string | null {
  if (target === null || realised === null) return null;
  return direction === 'lower_is_better' ? percentage(target, realised) : percentage(realised, target);
}

/** The money the form shows (pagu as the Rp target, realisation per quarter): the only figures rolled up here. */
type FormMoney = Pick<MoneyFigures, 'currentPagu' | 'hasPagu' | 'quarters'>;

const noMoney = (): FormMoney => ({ currentPagu: zero(), hasPagu: false, quarters: [null, null, null, null] });
const plusMoney = (a: FormMoney, b: FormMoney): FormMoney => ({
  currentPagu: a.currentPagu.plus(b.currentPagu),
  hasPagu: a.hasPagu || b.hasPagu,
  quarters: a.quarters.map((q, i) => plusOrNull(q, b.quarters[i])),
});

function rowsOf(line: ReportLine, money: FormMoney, { targets, outputs }: LineKinerja): EvaluationRow[] {
  const targetRp = money.hasPagu ? money.currentPagu : null;
  const realisedRp = sumPresent(money.quarters);
  const rpCapaian = targetRp && realisedRp ? percentage(realisedRp, targetRp) : null;
  const row = (indicator: IndicatorDefinedData | null): EvaluationRow => {
    const quarters = indicator ? (outputs.get(indicator.indicatorId) ?? [null, null, null, null]) : [null, null, null, null];
    const target = indicator ? (targets.get(indicator.indicatorId) ?? null) : null;
    const realisedK = sumPresent(quarters);
    return {
      code: line.code,
      level: line.level,
      name: line.name,
      indicator: indicator && { id: indicator.indicatorId, name: indicator.name, unit: indicator.unit, direction: indicator.direction },
      renstraTarget: MISSING,
      renstraRealisedToLastYear: MISSING,
      target: { k: target?.toString() ?? null, rp: fixedOrNull(targetRp) },
      realisation: quarters.map((k, i) => ({ k: k?.toString() ?? null, rp: fixedOrNull(money.quarters[i]) })),
      realisationTotal: { k: realisedK?.toString() ?? null, rp: fixedOrNull(realisedRp) },
      capaian: { k: indicator ? capaianK(indicator.direction, target, realisedK) : null, rp: rpCapaian },
      // Cumulative Renstra figures add the (missing) realisation up to last year: missing as well.
      renstraCumulative: MISSING,
      renstraCapaian: MISSING,
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

/** The Renja evaluation form of Permendagri 86/2017, per program, kegiatan, sub kegiatan and indicator. */
export function evaluationReport(scope: ReportScope): EvaluationReport {
  const views = new Map(scope.lines.map((l) => [l.code, l.view]));
  const rolled = rollUpTree(scope.lines, (code): FormMoney => views.get(code)!.money, plusMoney, noMoney);
  const rows = scope.lines.flatMap((l) => rowsOf(l, rolled.byCode.get(l.code)!, l.view.kinerja));
  const under = (code: string) => rows.filter((r) => r.code === code || r.code.startsWith(`${code}.`));
  return {
    report: 'evaluation',
    year: scope.year,
    office: scope.office,
    asOf: scope.asOf,
    rows,
    programs: scope.lines
      .filter((l) => l.level === 'program')
      .map((p) => summary(p.code, p.name, under(p.code), rolled.byCode.get(p.code)!)),
    officeSummary: summary(null, scope.office.name, rows, rolled.office),
    missing: [
      { column: 'renstraTarget', why: NOT_IN_LEDGER },
      { column: 'renstraRealisedToLastYear', why: NOT_IN_LEDGER },
      { column: 'renstraCumulative', why: 'needs the Renstra realisation up to last year' },
      { column: 'renstraCapaian', why: 'needs the Renstra target and the cumulative realisation' },
    ],
  };
}
