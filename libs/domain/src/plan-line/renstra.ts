import { invalid } from '../shared/errors';
import { parseLegalBasis, parseReason } from '../shared/legal-basis';
import { msg } from '../shared/messages/message';
import { parseAmount, parseDecimalValue, toAmountString } from '../shared/money';
import type { AsOf } from './as-of';
import type { RecordRenstra } from './commands';
import type { RenstraRecordedData } from './events';
import { effectiveDateIn, requireLine, resolveIndicator, type ParsedChange } from './parse-changes';
import type { PlanLineState, RenstraEntry } from './state';

const given = (value: unknown): boolean => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

const amountOrNull = (value: unknown, field: string): string | null => (given(value) ? toAmountString(parseAmount(value, field)) : null);
const valueOrNull = (value: unknown, field: string): string | null => (given(value) ? parseDecimalValue(value, field).toString() : null);

/**
 * Validates Renstra figures for a line: at least one figure; K figures name an indicator of the line;
 * Rupiah as amounts, K as decimal values. Effective from the first day of the fiscal year unless dated.
 */
export function parseRenstra(state: PlanLineState, command: RecordRenstra): ParsedChange<RenstraRecordedData> {
  const line = requireLine(state);
  const targetRp = amountOrNull(command.targetRp, 'targetRp');
  const realisedToLastYearRp = amountOrNull(command.realisedToLastYearRp, 'realisedToLastYearRp');
  const targetK = valueOrNull(command.targetK, 'targetK');
  const realisedToLastYearK = valueOrNull(command.realisedToLastYearK, 'realisedToLastYearK');
  if ([targetK, targetRp, realisedToLastYearK, realisedToLastYearRp].every((v) => v === null)) {
    throw invalid('targetRp', msg('RENSTRA_EMPTY'), 'RENSTRA_EMPTY');
  }
  const hasK = targetK !== null || realisedToLastYearK !== null;
  // A K figure is in an indicator's unit: without its indicator it means nothing.
  const indicatorId = hasK || given(command.indicator) ? resolveIndicator(state, command.indicator).indicatorId : null;
  return {
    data: { indicatorId, targetK, targetRp, realisedToLastYearK, realisedToLastYearRp },
    effectiveDate: given(command.effectiveDate) ? effectiveDateIn(state, command.effectiveDate) : `${line.year}-01-01`,
    legalBasis: parseLegalBasis(command.legalBasis),
    reason: parseReason(command.reason),
  };
}

/** One pair of Renstra figures (end-of-period target, realisation up to last year) in one measure. */
export interface RenstraPair {
  target: string | null;
  realisedToLastYear: string | null;
}

/** The Renstra figures of a line for a point of view: the line's Rupiah and each indicator's K. */
export interface RenstraFigures {
  rp: RenstraPair;
  k: Map<string, RenstraPair>;
}

const known = (entry: RenstraEntry, asOf: AsOf) => !asOf.knownAt || entry.recordedAt === null || entry.recordedAt <= asOf.knownAt;
const effective = (entry: RenstraEntry, asOf: AsOf) => !asOf.validAt || entry.effectiveDate <= asOf.validAt;

const stated = (pair: RenstraPair, target: string | null, realised: string | null): RenstraPair => ({
  target: target ?? pair.target,
  realisedToLastYear: realised ?? pair.realisedToLastYear,
});

/** Folds the Renstra entries in force (known by knownAt, effective by validAt): a later figure replaces an earlier one. */
export function renstraAsOf(entries: readonly RenstraEntry[] | undefined, asOf: AsOf = {}): RenstraFigures {
  const figures: RenstraFigures = { rp: { target: null, realisedToLastYear: null }, k: new Map() };
  const inForce = (entries ?? [])
    .filter((e) => known(e, asOf) && effective(e, asOf))
    .map((e, order) => ({ e, order }))
    .sort((a, b) => (a.e.effectiveDate === b.e.effectiveDate ? a.order - b.order : a.e.effectiveDate < b.e.effectiveDate ? -1 : 1));
  for (const { e } of inForce) {
    const d = e.data;
    figures.rp = stated(figures.rp, d.targetRp, d.realisedToLastYearRp);
    if (d.indicatorId) {
      const before = figures.k.get(d.indicatorId) ?? { target: null, realisedToLastYear: null };
      figures.k.set(d.indicatorId, stated(before, d.targetK, d.realisedToLastYearK));
    }
  }
  return figures;
}

/** The Renstra figures of a line as "renstra.<figure>" → value, for a line's history (what an event changed). */
export function renstraFigureMap(entries: readonly RenstraEntry[] | undefined): Map<string, string> {
  const { rp, k } = renstraAsOf(entries);
  const map = new Map<string, string>();
  const put = (key: string, value: string | null) => value !== null && map.set(key, value);
  put('renstra.target.rp', rp.target);
  put('renstra.realised_to_last_year.rp', rp.realisedToLastYear);
  for (const [indicatorId, pair] of k) {
    put(`renstra.target.${indicatorId}`, pair.target);
    put(`renstra.realised_to_last_year.${indicatorId}`, pair.realisedToLastYear);
  }
  return map;
}
