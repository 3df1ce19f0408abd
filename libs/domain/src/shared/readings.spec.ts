import { phaseFromAlias } from '../plan-line/phases';
import { DomainError } from './errors';
import { parseAmount } from './money';
import { parsePeriod } from './period';
import {
  isPeriodSpelling,
  periodFromAlias,
  readIndonesianDate,
  readIndonesianNumber,
  ReadingError,
  readPeriod,
  readPhase,
} from './readings';

const ruleOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e.rule;
    throw e;
  }
  return 'NO_ERROR';
};

describe('one set of readers: what the import and the forms read, and what the API still refuses', () => {
  it.each([
    ['APBD_P', 'APBD_P'],
    ['APBD-P', 'APBD_P'],
    ['apbd-p', 'APBD_P'],
    ['APBD P', 'APBD_P'],
    ['APBD Perubahan', 'APBD_P'],
    ['APBD Murni', 'APBD'],
    ['APBD Induk', 'APBD'],
    ['Pagu Indikatif', 'RENJA'],
    ['KUA-PPAS', 'KUA_PPAS'],
    ['Prakiraan Maju', 'PRAKIRAAN_MAJU'],
    ['pergeseran', 'PERGESERAN'],
  ])('phase alias %p names %s', (alias, phase) => {
    expect(phaseFromAlias(alias)).toBe(phase);
    expect(readPhase(alias)).toBe(phase);
  });

  it.each(['RAPBD', 'APBD-P2', 'APBDP-', 'P', '', 'Perubahan'])('phase %p names no phase', (text) => {
    expect(phaseFromAlias(text)).toBeUndefined();
    expect(ruleOf(() => readPhase(text))).toBe('PHASE_UNKNOWN');
  });

  it.each([
    ['TW III', '2022-Q3'],
    ['TW3', '2022-Q3'],
    ['tw iii', '2022-Q3'],
    ['TW-3', '2022-Q3'],
    ['Triwulan III', '2022-Q3'],
    ['Triwulan 3', '2022-Q3'],
    ['2022-q3', '2022-Q3'],
    ['Juni', '2022-06'],
    ['2022-Q3', '2022-Q3'],
    ['2022-06', '2022-06'],
  ])('period alias %p is %s in fiscal year 2022', (alias, key) => {
    expect(periodFromAlias(alias, 2022)).toBe(key);
    expect(readPeriod(alias, 2022)).toBe(key);
    expect(isPeriodSpelling(alias)).toBe(true);
    expect(parsePeriod(periodFromAlias(alias, 2022)).key).toBe(key);
  });

  it.each(['TW V', 'TW 0', 'Q3', 'TW', 'III', '2022-13', 'akhir tahun', '30/06/2022'])('period %p is refused', (text) => {
    expect(isPeriodSpelling(text)).toBe(false);
    expect(ruleOf(() => readPeriod(text, 2022))).toBe('PERIOD_FORMAT');
    expect(ruleOf(() => parsePeriod(periodFromAlias(text, 2022)))).toBe('PERIOD_FORMAT');
  });

  it.each([
    ['25.000.000', '25000000'],
    ['25.000.000,50', '25000000.50'],
    ['Rp 25.000.000,50', '25000000.50'],
    ['25.000', '25000'],
    ['25000000.00', '25000000.00'],
  ])('human amount %p reads as %s', (text, decimal) => {
    expect(readIndonesianNumber({ text })).toBe(decimal);
  });

  it.each([
    ['25.00.000', 'NUMBER_AMBIGUOUS'],
    ['1,653.027,794', 'NUMBER_AMBIGUOUS'],
    ['150.000.000,50,', 'NUMBER_AMBIGUOUS'],
    ['25.000,5.0', 'NUMBER_AMBIGUOUS'],
    ['25 000 000', 'NUMBER_FORMAT'],
  ])('human amount %p is refused (%s), never guessed', (text, rule) => {
    expect(ruleOf(() => readIndonesianNumber({ text }))).toBe(rule);
  });

  it.each(['25.000', '25.000.000', '25.000.000,50', 'Rp 25.000.000', '25000000,00', '1e6'])(
    'the API keeps its canonical amounts: %p is refused there (ambiguous in a machine interface)',
    (text) => {
      expect(ruleOf(() => parseAmount(text, 'amount'))).toBe('AMOUNT_FORMAT');
    },
  );

  it.each([
    ['15/06/2022', '2022-06-15'],
    ['5/6/2022', '2022-06-05'],
    ['15 Juni 2022', '2022-06-15'],
    ['2022-06-15', '2022-06-15'],
  ])('human date %p reads as %s', (text, iso) => {
    expect(readIndonesianDate(text)).toBe(iso);
  });

  it.each(['06/15/2022', '31/06/2022', '15/06/22', '15-06-2022', '15 Jun 2022'])('date %p is refused', (text) => {
    expect(ruleOf(() => readIndonesianDate(text))).toBe('DATE_FORMAT');
  });

  it('says what is wrong in Bahasa Indonesia, and in English on request', () => {
    let error: unknown;
    try {
      readIndonesianNumber({ text: '25.00.000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadingError);
    const reading = error as ReadingError;
    expect(reading.messageIn('id')).toBe(
      '"25.00.000" bermakna ganda: "." harus memisahkan ribuan dalam kelompok tiga angka (1.653.027.794); periksa kembali angkanya',
    );
    expect(reading.messageIn('en')).toBe('"25.00.000" is ambiguous: "." must separate thousands in groups of three digits (1.653.027.794)');
  });
});
