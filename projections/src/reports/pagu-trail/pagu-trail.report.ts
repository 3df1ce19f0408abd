import { msg, notFound, parsePlanCode, type AsOf, type ChainPhase } from '@renja/domain';
import { fixed, tieOut, zero, type TieOut } from '../shared/amounts';
import { subtreeOf, type ReportScope } from '../shared/report-lines';
import { rollUpTree } from '../shared/roll-up-tree';
import type { PaguStep } from './pagu-steps';

export interface LineTrail {
  code: string;
  level: string;
  name: string;
  currentPhase: ChainPhase | null;
  currentPagu: string;
  steps: PaguStep[];
  /** The line's step deltas add up to its current pagu. */
  tieOut: TieOut;
}

export interface PaguTrailReport {
  report: 'pagu-trail';
  year: number;
  office: { code: string; name: string };
  asOf: AsOf;
  /** The line asked for (with everything under it), or null for the whole office. */
  scope: { code: string | null; level: string; name: string };
  lines: LineTrail[];
  /** Every step delta of the scope adds up to its rolled-up current pagu (own amounts + children). */
  tieOut: TieOut;
}

/** "Why is this pagu what it is?" for one line, a kegiatan or program with everything under it, or the office. */
export function paguTrailReport(scope: ReportScope, code?: string): PaguTrailReport {
  const normalised = code === undefined ? null : parsePlanCode(code, 'code').code;
  const root = normalised === null ? null : scope.lines.find((l) => l.code === normalised);
  if (normalised !== null && !root) {
    throw notFound(
      'LINE_NOT_REGISTERED',
      msg('LINE_NOT_REGISTERED.in_office', { field: 'code', code: normalised, year: scope.year, office: scope.office.code }),
      'code',
    );
  }
  const lines = root ? subtreeOf(scope.lines, root.code) : scope.lines;
  const trails: LineTrail[] = lines.map((line) => {
    const { steps, sumOfDeltas, finalAmount, currentPhase } = line.view.steps;
    return {
      code: line.code,
      level: line.level,
      name: line.name,
      currentPhase,
      currentPagu: fixed(finalAmount),
      steps,
      tieOut: tieOut(`jumlah perubahan langkah ${line.code} = pagu kininya`, finalAmount, sumOfDeltas),
    };
  });
  // The scope's pagu is rolled up from each line's own current pagu, independently of the steps.
  const pagu = new Map(trails.map((t) => [t.code, t.currentPagu]));
  const rolled = rollUpTree(
    lines,
    (c) => zero().plus(pagu.get(c) ?? 0),
    (a, b) => a.plus(b),
    zero,
  );
  const scopePagu = root ? rolled.byCode.get(root.code)! : rolled.office;
  const allDeltas = trails.flatMap((t) => t.steps).reduce((s, step) => s.plus(step.delta), zero());
  return {
    report: 'pagu-trail',
    year: scope.year,
    office: scope.office,
    asOf: scope.asOf,
    scope: root ? { code: root.code, level: root.level, name: root.name } : { code: null, level: 'office', name: scope.office.name },
    lines: trails,
    tieOut: tieOut(`jumlah seluruh perubahan langkah = pagu kini ${root?.code ?? scope.office.code}`, scopePagu, allDeltas),
  };
}
