import type Decimal from 'decimal.js';
import { assertInFiscalYear } from '../shared/dates';
import { toAmountString } from '../shared/money';
import type { AsOf } from './as-of';
import type { RecordRenstra } from './commands';
import type { RenstraRecordedData } from './events';
import { requireLine, resolveIndicator, type ParsedChange } from './parse-changes';
import type { PlanLineState, RenstraEntry } from './state';

const figure = (value: Decimal | null, asString: (d: Decimal) => string): string | null => (value === null ? null : asString(value));

/**
 * Decides parsed Renstra figures (parseRecordRenstra, parse-target.ts) against the line: registered, the
 * indicator one of its own, the date in its year (the first day of the year unless dated).
 */
export function parseRenstra(state: PlanLineState, command: RecordRenstra): ParsedChange<RenstraRecordedData> {
  const line = requireLine(state);
  const indicatorId = command.indicator === null ? null : resolveIndicator(state, command.indicator).indicatorId;
  if (command.effectiveDate !== null) assertInFiscalYear(command.effectiveDate, line.year);
  return {
    data: {
      indicatorId,
      targetK: figure(command.targetK, (d) => d.toString()),
      targetRp: figure(command.targetRp, toAmountString),
      realisedToLastYearK: figure(command.realisedToLastYearK, (d) => d.toString()),
      realisedToLastYearRp: figure(command.realisedToLastYearRp, toAmountString),
    },
    effectiveDate: command.effectiveDate ?? `${line.year}-01-01`,
    legalBasis: command.legalBasis,
    reason: command.reason,
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
