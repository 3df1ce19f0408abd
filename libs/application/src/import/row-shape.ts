/**
 * The commonest misreading of a comma-separated file: an Indonesian amount with a decimal comma written
 * without quotes, `…,150.000.000,50,…`, which CSV reads as two cells, "150.000.000" and "50". When that
 * gives the row a cell too many it is refused (the message names the cause); when the row still has as
 * many cells as the header (a trailing comma was left out too), it is read, with a warning to confirm.
 */

/** An amount's whole part: dot-grouped ("150.000.000", "Rp 1.653.027.794") or five digits or more. */
const WHOLE_AMOUNT = /^(?:Rp\.?\s*)?-?(?:\d{1,3}(?:\.\d{3})+|\d{5,})$/i;
/** What follows a decimal comma in Rupiah: one or two digits ("50", "5", "00"). */
const CENTS = /^\d{1,2}$/;

/** The columns where an amount with a decimal comma is likely. */
export const AMOUNT_COLUMNS = new Set(['Pagu', 'Perubahan', 'Jumlah', 'Realisasi', 'Nilai', 'Target', 'Realisasi Kinerja']);

/** The index of the first of two adjacent cells that look like one amount split at its decimal comma, or -1. */
export function splitAmountAt(texts: string[]): number {
  for (let i = 0; i + 1 < texts.length; i++) {
    if (WHOLE_AMOUNT.test(texts[i].trim()) && CENTS.test(texts[i + 1].trim())) return i;
  }
  return -1;
}

export interface RowLengthProblem {
  rule: 'ROW_TOO_LONG' | 'ROW_TOO_SHORT';
  /** The header column of the amount that was split, when that is the likely cause. */
  column: string | null;
  value: string;
  message: string;
}

/** A CSV row whose cell count differs from its header's: refused, with the likely cause in Indonesian. */
export function rowLengthProblem(texts: string[], row: number, header: Array<string | null>, delimiter: ',' | ';'): RowLengthProblem {
  const [cells, width] = [texts.length, header.length];
  const rule = cells > width ? 'ROW_TOO_LONG' : 'ROW_TOO_SHORT';
  const value = texts.join(delimiter).slice(0, 200);
  const base = `Baris ${row} berisi ${cells} sel, sedangkan baris judul ${width} kolom: baris ini tidak dibaca, karena nilainya akan masuk ke kolom yang salah.`;
  const split = delimiter === ',' ? splitAmountAt(texts) : -1;
  if (split >= 0) {
    const [whole, cents] = [texts[split].trim(), texts[split + 1].trim()];
    return {
      rule,
      column: header[split] ?? null,
      value,
      message: `${base} Kemungkinan penyebab: koma desimal tanpa tanda kutip — "${whole},${cents}" terbaca sebagai dua sel, "${whole}" dan "${cents}". Apit angka itu dengan tanda kutip ("${whole},${cents}"), atau simpan berkas dengan pemisah titik koma (;).`,
    };
  }
  const cause =
    cells > width
      ? `Kemungkinan penyebab: sebuah sel berisi "${delimiter}" tanpa tanda kutip (apit sel itu dengan tanda kutip: "…${delimiter}…"), atau ada sel berlebih di ujung baris.`
      : `Kemungkinan penyebab: sel di ujung baris hilang — setiap baris memerlukan ${width - 1} tanda "${delimiter}", juga untuk sel yang kosong.`;
  return { rule, column: null, value, message: `${base} ${cause}` };
}

/** A well-formed row where an amount column is followed by one or two digits: perhaps a decimal comma. */
export function decimalCommaSuspect(
  texts: string[],
  header: Array<string | null>,
): { column: string; value: string; message: string } | null {
  for (let from = 0; from < texts.length;) {
    const at = splitAmountAt(texts.slice(from));
    if (at < 0) return null;
    const i = from + at;
    const column = header[i];
    if (column && AMOUNT_COLUMNS.has(column)) {
      const [whole, cents] = [texts[i].trim(), texts[i + 1].trim()];
      const next = header[i + 1] ?? `#${i + 2}`;
      return {
        column,
        value: whole,
        message: `${column}: "${whole}" diikuti "${cents}" di kolom ${next} — mungkin maksudnya ${whole},${cents} dengan koma desimal tanpa tanda kutip, sehingga "${cents}" terbaca sebagai ${next}. Bila benar ${cents} adalah ${next}, konfirmasi peringatan ini; bila bukan, apit jumlahnya dengan tanda kutip ("${whole},${cents}").`,
      };
    }
    from = i + 1;
  }
  return null;
}
