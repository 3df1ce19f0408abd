import {
  parseDirection as parseDirectionIn,
  parsePhase,
  readFiscalYear,
  readIndonesianDate,
  readIndonesianNumber,
  ReadingError,
  readPeriod,
  type NumberReadingOptions,
  type Phase,
  type TypedValue,
} from '@renja/domain';

/**
 * The Indonesian cell formats of the import (docs/import-format.md), read by the domain's shared readers
 * (libs/domain/src/shared/readings.ts) that the API's aliases and the browser's forms use too. Each parser
 * returns the machine form the API takes, or throws a CellError saying what is wrong (in Indonesian and
 * English); the caller adds file, row and column.
 */
export { ReadingError as CellError };

/** A cell as read: its text, and for a numeric spreadsheet cell the exact machine number. */
export type Cell = TypedValue;

/** 1.653.027.794,00, Rp 1.653.027.794, 1653027794.00 … → "1653027794.00" (see readIndonesianNumber). */
export const parseIndonesianNumber = (cell: Cell, options: NumberReadingOptions = {}): string => readIndonesianNumber(cell, options);

/** 2022-11-08, 08/11/2022 (day/month/year) or 8 November 2022 → 2022-11-08. */
export const parseImportDate = (cell: Cell): string => readIndonesianDate(cell.text);

/** Tahapan: RKPD, Renja / Pagu Indikatif, KUA-PPAS, APBD (Induk, Murni), Pergeseran, APBD-P (Perubahan), Prakiraan Maju. */
export const parseImportPhase = (cell: Cell): Phase => parsePhase(cell.text, 'lenient');

/** Periode: 2022-11, 2022-Q4, or with the year from Tahun: TW IV, Triwulan 4, November. */
export const parseImportPeriod = (cell: Cell, year: number): string => readPeriod(cell.text, year);

/** Tahun: a fiscal year 2000-2100. */
export const parseImportYear = (cell: Cell): number => readFiscalYear(cell);

/** Arah: naik (higher is better, the default) or turun (lower is better). */
export const parseDirection = (cell: Cell): 'higher_is_better' | 'lower_is_better' => parseDirectionIn(cell.text, 'lenient');
