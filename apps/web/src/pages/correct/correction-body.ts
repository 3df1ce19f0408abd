import type { MessageKey } from '../../i18n/i18n';
import type { CorrectableKind } from './may-correct';
import { readAmount as readTypedAmount } from '../record/amount';

/** The form's fields, as typed. Ids double as the inputs' ids (the error summary links to them). */
export interface CorrectionValues {
  phase: string;
  fundingSource: string;
  amount: string;
  delta: string;
  value: string;
  effectiveDate: string;
  reason: string;
  legalKind: string;
  legalNumber: string;
  legalDate: string;
}
export type FieldId = keyof CorrectionValues;

export const EMPTY_VALUES: CorrectionValues = {
  phase: '',
  fundingSource: '',
  amount: '',
  delta: '',
  value: '',
  effectiveDate: '',
  reason: '',
  legalKind: '',
  legalNumber: '',
  legalDate: '',
};

export interface FieldError {
  key: MessageKey;
  values?: Record<string, string>;
}

/** The figure fields each kind of entry has (what a replacement may send). */
export const FIGURE_FIELDS: Record<CorrectableKind, FieldId[]> = {
  pagu: ['phase', 'fundingSource', 'amount', 'delta', 'effectiveDate'],
  shift: ['amount', 'effectiveDate'],
  target: ['value', 'effectiveDate'],
  realisation: ['amount', 'effectiveDate'],
};

const NUMBER = /^-?\d+([.,]\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An amount typed the Indonesian way (1.653.027.794,00) read by the importer's own parser, as the
 * decimal string the API takes, or null when the text is not an amount (a negative only for a delta).
 */
export function readAmount(text: string, signed = false): string | null {
  const reading = readTypedAmount(text, { signed, maxDecimals: 2 });
  return reading.ok ? reading.value : null;
}

/** Which form field a server's `field` names (legalBasis.* are three inputs here). */
export function formField(serverField: string | undefined): FieldId | null {
  if (!serverField) return null;
  if (serverField === 'legalBasis' || serverField === 'legalBasis.kind') return 'legalKind';
  if (serverField === 'legalBasis.number') return 'legalNumber';
  if (serverField === 'legalBasis.date') return 'legalDate';
  return serverField in EMPTY_VALUES ? (serverField as FieldId) : null;
}

export type BuildResult = { body: Record<string, unknown>; errors: null } | { body: null; errors: Partial<Record<FieldId, FieldError>> };

/**
 * The request body of POST /events/{id}/corrections from the form: the reason, the dasar hukum when
 * given, and (for Koreksi) the figure fields that differ from the entry's recorded values; none is a
 * reversal, which Koreksi must not send by accident.
 */
export function buildCorrection(
  kind: CorrectableKind,
  reverse: boolean,
  values: CorrectionValues,
  recorded: Partial<CorrectionValues>,
): BuildResult {
  const errors: Partial<Record<FieldId, FieldError>> = {};
  const body: Record<string, unknown> = {};
  const reason = values.reason.trim();
  if (!reason) errors.reason = { key: 'correct.err.REASON_REQUIRED' };
  else body.reason = reason;
  const legal = [values.legalKind.trim(), values.legalNumber.trim(), values.legalDate.trim()];
  if (legal.some(Boolean)) {
    if (!legal[0]) errors.legalKind = { key: 'correct.err.legalPartial' };
    if (!legal[1]) errors.legalNumber = { key: 'correct.err.legalPartial' };
    if (!legal[2]) errors.legalDate = { key: 'correct.err.legalPartial' };
    else if (!DATE.test(legal[2])) errors.legalDate = { key: 'correct.err.date' };
    body.legalBasis = { kind: legal[0], number: legal[1], date: legal[2] };
  }
  if (!reverse) {
    let changed = 0;
    for (const field of FIGURE_FIELDS[kind]) {
      const text = values[field].trim();
      if (text === (recorded[field] ?? '').trim() || (text === '' && recorded[field] === undefined)) continue;
      const value = figureValue(field, text);
      if ('error' in value) errors[field] = value.error;
      else body[field] = value.value;
      changed++;
    }
    if (changed === 0 && Object.keys(errors).length === 0)
      errors[FIGURE_FIELDS[kind][0] === 'phase' ? 'amount' : FIGURE_FIELDS[kind][0]] = { key: 'correct.err.nothingChanged' };
  }
  return Object.keys(errors).length > 0 ? { body: null, errors } : { body, errors: null };
}

function figureValue(field: FieldId, text: string): { value: string } | { error: FieldError } {
  switch (field) {
    case 'amount':
    case 'delta': {
      const amount = readAmount(text, field === 'delta');
      return amount === null ? { error: { key: 'correct.err.amount' } } : { value: amount };
    }
    case 'value':
      return NUMBER.test(text) ? { value: text.replace(',', '.') } : { error: { key: 'correct.err.number' } };
    case 'effectiveDate':
      return DATE.test(text) ? { value: text } : { error: { key: 'correct.err.date' } };
    default:
      return text ? { value: text } : { error: { key: 'correct.err.required', values: { field } } };
  }
}
