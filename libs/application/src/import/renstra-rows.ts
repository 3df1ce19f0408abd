import { Money, renstraAsOf, type LegalBasis, type PlanLineState } from '@renja/domain';
import { parseImportDate, parseIndonesianNumber, type Cell } from './cell-parsers';
import type { RowReader } from './row-reader';

/** The columns of table renstra (docs/import-format.md): Renstra figures of a line, K per indicator and Rp. */
export const RENSTRA_COLUMNS = {
  targetK: 'Target Renstra K',
  targetRp: 'Target Renstra Rp',
  realisedToLastYearK: 'Realisasi Renstra s.d. Tahun Lalu K',
  realisedToLastYearRp: 'Realisasi Renstra s.d. Tahun Lalu Rp',
} as const;

/** What a renstra row asks for, besides the line it is on (the API's RecordRenstra, figures as decimal strings). */
export interface RenstraFiguresRow {
  kind: 'renstra';
  indicator: string | null;
  targetK: string | null;
  targetRp: string | null;
  realisedToLastYearK: string | null;
  realisedToLastYearRp: string | null;
  effectiveDate: string | null;
  reason: string | null;
  legalBasis: LegalBasis | null;
}

const amount = (cell: Cell) => parseIndonesianNumber(cell);
const value = (cell: Cell) => parseIndonesianNumber(cell, { maxDecimals: 6 });

/** One row of table renstra; null when a cell was wrong (the reader has the problem) or the row states no figure. */
export function renstraRow(r: RowReader): RenstraFiguresRow | null {
  const figures = {
    targetK: r.parse(RENSTRA_COLUMNS.targetK, value, false),
    targetRp: r.parse(RENSTRA_COLUMNS.targetRp, amount, false),
    realisedToLastYearK: r.parse(RENSTRA_COLUMNS.realisedToLastYearK, value, false),
    realisedToLastYearRp: r.parse(RENSTRA_COLUMNS.realisedToLastYearRp, amount, false),
  };
  const indicator = r.text('Indikator');
  if ((figures.targetK !== null || figures.realisedToLastYearK !== null) && indicator === null)
    r.problem('Indikator', 'INDICATOR_REQUIRED', 'a K figure (kinerja) belongs to an Indikator: name it in this row');
  const effectiveDate = r.parse('Tanggal Berlaku', parseImportDate, false);
  const legalBasis = r.legalBasis();
  if (!r.ok) return null;
  if (Object.values(figures).every((f) => f === null)) {
    r.problem(RENSTRA_COLUMNS.targetRp, 'RENSTRA_EMPTY', `give at least one of ${Object.values(RENSTRA_COLUMNS).join(', ')}`);
    return null;
  }
  return { kind: 'renstra', indicator, ...figures, effectiveDate, reason: r.text('Alasan'), legalBasis };
}

const same = (recorded: string | null, given: string | null) => given === null || (recorded !== null && new Money(recorded).equals(given));

/** True when every figure the row gives is already the one in force on the line: importing it again records nothing. */
export function renstraUnchanged(row: RenstraFiguresRow, state: PlanLineState): boolean {
  const { rp, k } = renstraAsOf(state.renstra);
  const indicator = state.indicators.find((i) => i.name === row.indicator || i.indicatorId === row.indicator);
  const kPair = indicator ? k.get(indicator.indicatorId) : undefined;
  if ((row.targetK !== null || row.realisedToLastYearK !== null) && !kPair) return false;
  return (
    same(rp.target, row.targetRp) &&
    same(rp.realisedToLastYear, row.realisedToLastYearRp) &&
    same(kPair?.target ?? null, row.targetK) &&
    same(kPair?.realisedToLastYear ?? null, row.realisedToLastYearK)
  );
}
