import type { ApiError } from '../../api/client';
import { formatDate, formatRupiah } from '../../format';
import type { Locale, MessageKey, Translate } from '../../i18n/i18n';

/** Rules said in the user's language; any other rule keeps the server's own message. */
const KNOWN = new Set([
  'REALISATION_EXCEEDS_PAGU',
  'PAGU_NEGATIVE',
  'LEGAL_BASIS_REQUIRED',
  'REASON_REQUIRED',
  'EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR',
  'EFFECTIVE_DATE_OUTSIDE_PERIOD',
  'REALISATION_GRANULARITY_MIXED',
  'PARENT_NOT_REGISTERED',
  'LINE_NOT_REGISTERED',
  'FORBIDDEN',
  'CONCURRENT_WRITE',
]);
const AMOUNTS = ['cumulative', 'pagu', 'amount'];

/**
 * A refusal in plain words, with the figures the server named (params: decimal strings, ISO dates)
 * re-punctuated for the locale: "Realisasi kumulatif Rp 700.000.000,00 pada 31 Maret 2022 …".
 */
export function describeRejection(error: Pick<ApiError, 'rule' | 'message' | 'params'>, t: Translate, locale: Locale): string {
  const rule = error.rule;
  if (!rule || !KNOWN.has(rule)) return error.message;
  const params = error.params ?? {};
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (AMOUNTS.includes(name)) values[name] = formatRupiah(value, locale);
    else if (name === 'date') values[name] = formatDate(value, locale);
    else if (name === 'phase') values[name] = t(`phase.${value}` as MessageKey);
    else values[name] = value;
  }
  // Without its figures (an older server) the Indonesian sentence would have holes: keep the server's.
  const needs: Record<string, string[]> = {
    REALISATION_EXCEEDS_PAGU: ['cumulative', 'date'],
    PAGU_NEGATIVE: ['phase', 'fundingSource', 'amount', 'date'],
  };
  if ((needs[rule] ?? []).some((name) => !(name in values))) return error.message;
  if (rule === 'REALISATION_EXCEEDS_PAGU' && !values.phase) return t('record.rule.REALISATION_EXCEEDS_PAGU.none', values);
  return t(`record.rule.${rule}` as MessageKey, values);
}
