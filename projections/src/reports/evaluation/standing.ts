import { PREDIKAT_NAMES, type Predikat } from './predikat';

/**
 * Where in the fiscal year the evaluation stands: the predikat is final only once the year is complete.
 * Before that it is provisional (sementara) and says the quarter (triwulan) the figures reach.
 */
export interface EvaluationStanding {
  /** True when the whole year counts (validAt on or after 31 December, or the year is past). */
  final: boolean;
  /** The quarter the figures reach (1–4); null before the year began. */
  quarter: 1 | 2 | 3 | 4 | null;
}

export const QUARTER_NAMES = ['TW I', 'TW II', 'TW III', 'TW IV'] as const;

/**
 * The standing of an evaluation of `year` valid at `validAt` (absent: every effective date counts, so the
 * year counts as far as `today` has come). Dates are YYYY-MM-DD and compare as text.
 */
export function standingOf(year: number, validAt: string | undefined, today: string | undefined): EvaluationStanding {
  const reach = [validAt, today].filter((d): d is string => d !== undefined).sort()[0];
  if (reach === undefined || reach >= `${year}-12-31`) return { final: true, quarter: 4 };
  if (reach < `${year}-01-01`) return { final: false, quarter: null };
  const month = Number(reach.slice(5, 7));
  return { final: false, quarter: Math.ceil(month / 3) as 1 | 2 | 3 | 4 };
}

/** "TW III", or "belum ada triwulan" before the year began. */
export const standingLabel = (s: EvaluationStanding): string => (s.quarter ? QUARTER_NAMES[s.quarter - 1] : 'belum ada triwulan');

/** "SR (Sangat Rendah)" when final; "SR (sementara, TW III)" before the year ends. Missing stays missing. */
export function predikatText(predikat: Predikat | null, standing: EvaluationStanding): string | null {
  if (predikat === null) return null;
  return standing.final ? `${predikat} (${PREDIKAT_NAMES[predikat]})` : `${predikat} (sementara, ${standingLabel(standing)})`;
}
