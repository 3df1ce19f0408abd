import type { Totals } from '../../plan/rollup';
import type { PlanLineResponse, PlanResponse } from '../../plan/plan-reader';
import { phaseName } from '../render/cells';
import { officeYearHeading } from '../shared/indonesian-text';
import { LEVEL_NAMES, type ReportDocument, type ReportTable, type TableColumn, type TableRow } from '../render/report-table';

/** The phases of the chain, in order: a column each (PRAKIRAAN_MAJU is next year's estimate, not this year's pagu). */
export const PLAN_PHASES = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P'] as const;

/** Keys are the machine names that head the plain CSV; headings are Indonesian; `human` adds groups and widths (XLSX, PDF). */
function columns(human: boolean): TableColumn[] {
  const col = (key: string, header: string, kind: TableColumn['kind'], width = 17, group?: string): TableColumn =>
    human ? { key, header, kind, width, group } : { key, header: group ? `${group}: ${header}` : header, kind };
  return [
    col('code', 'Kode', 'text', 15),
    col('level', 'Tingkat', 'text', 11),
    col('name', 'Uraian', 'text', 40),
    ...PLAN_PHASES.map((p) => col(`pagu_${p}`, phaseName(p)!, 'amount', 17, 'Pagu per Tahapan')),
    col('current_phase', 'Tahapan Kini', 'text', 10),
    col('current_pagu', 'Pagu Kini', 'amount'),
    col('original_pagu', 'Pagu APBD', 'amount'),
    col('realised', 'Realisasi', 'amount'),
    col('absorption_current', 'Serapan thd Pagu Kini (%)', 'percent', 9),
    col('absorption_original', 'Serapan thd APBD (%)', 'percent', 9),
  ];
}

/**
 * Pagu, realisation and serapan of a line are its totals (the line plus everything under it), as the plan
 * page shows them; a sub kegiatan's totals are its own figures. The pagu per phase is the line's own.
 */
const totalCells = (t: Totals) => ({
  current_pagu: t.currentPagu,
  original_pagu: t.originalPagu,
  realised: t.realised,
  absorption_current: t.absorption.current,
  absorption_original: t.absorption.original,
});

function lineRow(line: PlanLineResponse, human: boolean): TableRow {
  return {
    cells: {
      code: line.code,
      level: human ? (LEVEL_NAMES[line.level] ?? line.level) : line.level,
      name: line.name,
      ...Object.fromEntries(PLAN_PHASES.map((p) => [`pagu_${p}`, line.pagu[p]?.total ?? null])),
      current_phase: human ? phaseName(line.currentPhase) : line.currentPhase,
      ...totalCells(line.totals),
    },
  };
}

function planTable(plan: PlanResponse, human: boolean): ReportTable {
  const office: TableRow = {
    total: true,
    // The office has no pagu per phase of its own: those cells stay empty rather than sums the JSON does not give.
    cells: {
      code: plan.office.code,
      level: human ? LEVEL_NAMES.office : 'office',
      name: human ? 'Total Perangkat Daerah' : plan.office.name,
      ...totalCells(plan.totals),
    },
  };
  return {
    sheet: human ? 'Rencana' : 'plan',
    title: human ? 'Rencana: pagu per tahapan, realisasi dan serapan per baris' : 'plan',
    columns: columns(human),
    rows: [...plan.lines.map((l) => lineRow(l, human)), office],
  };
}

/** The plan (GET …/plan) as a file: one row per line plus the office total, for the same point of view. */
export function planDocument(plan: PlanResponse): ReportDocument {
  return {
    fileStem: `plan-${plan.office.code}-${plan.year}`,
    title: 'Rencana Kerja dan Anggaran (Renja)',
    subtitle: officeYearHeading(plan),
    tables: [planTable(plan, true)],
    csv: planTable(plan, false),
  };
}
