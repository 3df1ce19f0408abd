/**
 * The replacement fields of a correction, as POST /api/v1/events/{eventId}/corrections takes them, from
 * what a person gave: the CLI's options (`renja-ledger correct`) and the import's `koreksi` rows both come
 * through here, so both refuse the same two mistakes in the same words.
 */
export interface CorrectionFields {
  amount?: string;
  delta?: string;
  value?: string;
  phase?: string;
  fundingSource?: string;
  effectiveDate?: string;
  period?: string;
}

/** A correction that asks for nothing, or for a reversal and a replacement at once. */
export class CorrectionInputError extends Error {
  constructor(
    readonly rule: 'REVERSE_WITH_FIELDS' | 'NOTHING_TO_REPLACE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The fields actually given (undefined ones dropped). A reversal must be asked for explicitly: a
 * forgotten amount must not silently undo the entry; and a reversal takes no field to replace.
 */
export function correctionReplacement(
  fields: CorrectionFields,
  reverse: boolean,
  names: { reverse: string; fields: string } = { reverse: '--reverse', fields: '--amount, --phase, …' },
): Record<string, string> {
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (reverse && Object.keys(given).length > 0)
    throw new CorrectionInputError(
      'REVERSE_WITH_FIELDS',
      `${names.reverse} membatalkan entri; tidak boleh disertai kolom pengganti (diberikan ${Object.keys(given).join(', ')})`,
    );
  if (!reverse && Object.keys(given).length === 0)
    throw new CorrectionInputError(
      'NOTHING_TO_REPLACE',
      `berikan kolom yang diganti (${names.fields}) atau ${names.reverse} untuk membatalkan entri`,
    );
  return given;
}
