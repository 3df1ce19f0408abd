import type Decimal from 'decimal.js';
import { percentage, type AsOf } from '@renja/domain';
import { fixed, fixedOrNull, zero } from '../shared/amounts';
import { officeMoney, type MoneyFigures } from '../shared/line-money';
import type { ReportLine, ReportScope } from '../shared/report-lines';
import { rollUpTree } from '../shared/roll-up-tree';
import { lateAdditionsOf, type LateAddition } from './late-additions';

export interface AbsorptionFigures {
  currentPagu: string;
  originalPagu: string | null;
  realised: string;
  /** Realisation per month; null where nothing was recorded, and all null where the line records by quarter. */
  byMonth: Array<string | null>;
  cumulativeByMonth: Array<string | null>;
  /** False when a line under this one records by quarter: its months are not in byMonth. */
  monthlyComplete: boolean;
  byQuarter: Array<string | null>;
  cumulativeByQuarter: string[];
  /** Cumulative realisation at the end of each quarter ÷ pagu × 100. */
  absorptionByQuarter: { current: Array<string | null>; original: Array<string | null> };
  absorption: { current: string | null; original: string | null };
  /** Pagu added in the last quarter (Q4) and absorption as if it had not come. */
  lateAdditions: string;
  absorptionWithoutLateAdditions: string | null;
}

export interface AbsorptionRow extends AbsorptionFigures {
  code: string | null;
  level: string;
  name: string;
}

export interface AbsorptionReport {
  report: 'absorption';
  year: number;
  office: { code: string; name: string };
  asOf: AsOf;
  /** Additions effective on or after this date are flagged as late (Q4). */
  lastQuarterStarts: string;
  lines: AbsorptionRow[];
  kegiatan: AbsorptionRow[];
  programs: AbsorptionRow[];
  officeTotal: AbsorptionRow;
  lateAdditions: LateAddition[];
}

function cumulative(values: Array<Decimal | null>): Decimal[] {
  let running = zero();
  return values.map((v) => (running = running.plus(v ?? 0)));
}

function figures(m: MoneyFigures, late: Decimal): AbsorptionFigures {
  const original = m.hasOriginal ? m.originalPagu : null;
  const byQuarter = cumulative(m.quarters);
  const monthly = !m.hasQuarterlyLines;
  const withoutLate = m.currentPagu.minus(late);
  return {
    currentPagu: fixed(m.currentPagu),
    originalPagu: fixedOrNull(original),
    realised: fixed(m.realised),
    byMonth: m.months.map((v) => (monthly ? fixedOrNull(v) : null)),
    cumulativeByMonth: monthly && m.months.some((v) => v !== null) ? cumulative(m.months).map(fixed) : Array(12).fill(null),
    monthlyComplete: monthly,
    byQuarter: m.quarters.map(fixedOrNull),
    cumulativeByQuarter: byQuarter.map(fixed),
    absorptionByQuarter: {
      current: byQuarter.map((c) => percentage(c, m.currentPagu)),
      original: byQuarter.map((c) => (original ? percentage(c, original) : null)),
    },
    absorption: { current: percentage(m.realised, m.currentPagu), original: original ? percentage(m.realised, original) : null },
    lateAdditions: fixed(late),
    absorptionWithoutLateAdditions: late.isZero() ? null : percentage(m.realised, withoutLate),
  };
}

/** Serapan per line, kegiatan, program and office, by month and quarter; late (Q4) additions flagged. */
export function absorptionReport(scope: ReportScope): AbsorptionReport {
  const money = officeMoney(scope.lines);
  const lastQuarterStarts = `${scope.year}-10-01`;
  const additions = new Map(scope.lines.map((l) => [l.code, lateAdditionsOf(l, lastQuarterStarts)]));
  const ownLate = (code: string) => additions.get(code)!.reduce((s, a) => s.plus(a.amount), zero());
  const late = rollUpTree(scope.lines, ownLate, (a, b) => a.plus(b), zero);
  const row = (line: ReportLine, m: MoneyFigures, lateAmount: Decimal): AbsorptionRow => ({
    code: line.code,
    level: line.level,
    name: line.name,
    ...figures(m, lateAmount),
  });
  const lines = scope.lines.map((l) => row(l, money.own.get(l.code)!, ownLate(l.code)));
  const rolledAt = (level: string) =>
    scope.lines.filter((l) => l.level === level).map((l) => row(l, money.rolled.byCode.get(l.code)!, late.byCode.get(l.code)!));
  const absorptionOf = new Map(lines.map((l) => [l.code, l]));
  return {
    report: 'absorption',
    year: scope.year,
    office: scope.office,
    asOf: scope.asOf,
    lastQuarterStarts,
    lines,
    kegiatan: rolledAt('kegiatan'),
    programs: rolledAt('program'),
    officeTotal: { code: null, level: 'office', name: scope.office.name, ...figures(money.rolled.office, late.office) },
    lateAdditions: scope.lines.flatMap((l) =>
      additions.get(l.code)!.map((a) => ({
        ...a,
        lineRealised: absorptionOf.get(l.code)!.realised,
        lineCurrentPagu: absorptionOf.get(l.code)!.currentPagu,
        lineAbsorption: absorptionOf.get(l.code)!.absorption,
      })),
    ),
  };
}
