import { ReadingError, readIndonesianNumber } from '@renja/domain';

/** What a typed amount was read as: the decimal string to send, or why it is not an amount. */
export type AmountReading = { ok: true; value: string } | { ok: false; rule: string; message: string } | { ok: null };

/**
 * Reads an amount typed the Indonesian way (1.653.027.794,00, Rp 1.653.027.794, 1653027794) with the
 * domain's shared reader (libs/domain/src/shared/readings.ts) that the importer uses too, so a form and an import file understand the same text the same way. The
 * result is a decimal string; the browser never turns money into a JS number.
 */
export function readAmount(text: string, options: { signed?: boolean; maxDecimals?: number } = {}): AmountReading {
  if (text.trim() === '') return { ok: null };
  try {
    return { ok: true, value: readIndonesianNumber({ text: text.replace(/\u2212/g, '-') }, options) };
  } catch (error) {
    if (error instanceof ReadingError) return { ok: false, rule: error.rule, message: error.messageIn('id') };
    throw error;
  }
}
