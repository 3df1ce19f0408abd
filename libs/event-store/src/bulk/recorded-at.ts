/**
 * A recorded time as the store writes it everywhere (sql.ts, the append functions): PostgreSQL's
 * `to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`. to_char is slow: reading the
 * log for a rebuild spent about 1 µs of PostgreSQL's time per event in it. The log's bulk reader asks instead
 * for the UTC timestamp's own output text (`RECORDED_AT_TEXT`, a few times cheaper) and rewrites it here into
 * to_char's form; the two give the same text (recorded-at.int-spec.ts compares them).
 */

/** to_char's form: the one every other reader of the store returns. */
export const RECORDED_AT_TO_CHAR = `to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The timestamp's own text where it has the form `recordedAtFromText` reads — DateStyle ISO gives
 * `2023-01-31 08:15:00.12` (trailing zeros of the fraction dropped, no fraction at 0 µs), four-digit years
 * only — else to_char's text (years before 1000 or after 9999, and BC ones, which no ledger holds; they
 * already end in Z). Only for a session whose DateStyle is ISO (`readsIsoDates`).
 */
export const RECORDED_AT_TEXT = `CASE WHEN recorded_at >= '1000-01-01 00:00:00+00' AND recorded_at < '10000-01-01 00:00:00+00'
  THEN (recorded_at AT TIME ZONE 'UTC')::text ELSE ${RECORDED_AT_TO_CHAR} END`;

const ISO_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?$/;
const ZEROS = '000000';

/** True for a DateStyle setting (`SHOW DateStyle`) under which RECORDED_AT_TEXT gives ISO text. */
export const readsIsoDates = (dateStyle: string): boolean => /^\s*iso\b/i.test(dateStyle);

/**
 * to_char's text from RECORDED_AT_TEXT's: `2023-01-31 08:15:00.12` → `2023-01-31T08:15:00.120000Z`. A text
 * already in to_char's form (ending in Z) is returned as it is; any other text is refused (never a wrong time).
 */
export function recordedAtFromText(text: string): string {
  const length = text.length;
  if (text.charCodeAt(length - 1) === 0x5a /* Z */) return text;
  if (!ISO_TIMESTAMP.test(text)) throw new Error(`unexpected recorded_at text from PostgreSQL: ${JSON.stringify(text)}`);
  const fraction = length === 19 ? ZEROS : text.slice(20) + ZEROS.slice(length - 20);
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`;
}
