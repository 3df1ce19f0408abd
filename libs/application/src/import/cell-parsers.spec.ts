import {
  CellError,
  parseDirection,
  parseImportDate,
  parseImportPeriod,
  parseImportPhase,
  parseImportYear,
  parseIndonesianNumber,
} from './cell-parsers';

const text = (t: string) => ({ text: t });
const ruleOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    if (e instanceof CellError) return e.rule;
    throw e;
  }
  return 'NO_ERROR';
};

describe('Indonesian numbers', () => {
  it.each([
    ['1653027794', '1653027794'],
    ['1653027794.00', '1653027794.00'],
    ['1.653.027.794', '1653027794'],
    ['1.653.027.794,00', '1653027794.00'],
    ['Rp 1.653.027.794,00', '1653027794.00'],
    ['Rp1.653.027.794', '1653027794'],
    ['Rp. 8.578.008.830,-', '8578008830'],
    ['1,653,027,794', '1653027794'],
    ['1,653,027,794.5', '1653027794.5'],
    ['  22.312.405.660 ', '22312405660'],
    ['630592410,5', '630592410.5'],
    ['1.000', '1000'],
    ['12,5', '12.5'],
    ['0', '0'],
    ['0,00', '0.00'],
    ['007', '7'],
  ])('reads %s as %s', (raw, expected) => {
    expect(parseIndonesianNumber(text(raw))).toBe(expected);
  });

  it('reads signed changes only where a sign is allowed', () => {
    expect(parseIndonesianNumber(text('-1.000.000.000'), { signed: true })).toBe('-1000000000');
    expect(parseIndonesianNumber(text('Rp -1.000'), { signed: true })).toBe('-1000');
    expect(parseIndonesianNumber(text('-0'), { signed: true })).toBe('0');
    expect(ruleOf(() => parseIndonesianNumber(text('-5')))).toBe('NUMBER_NEGATIVE');
  });

  it.each([
    ['1.653.027.794,123', 'TOO_MANY_DECIMALS'],
    ['12.3456', 'TOO_MANY_DECIMALS'],
    ['abc', 'NUMBER_FORMAT'],
    ['12a', 'NUMBER_FORMAT'],
    ['=1+1', 'NUMBER_FORMAT'],
    ['NaN', 'NUMBER_FORMAT'],
    ['Infinity', 'NUMBER_FORMAT'],
    ['1e5', 'NUMBER_FORMAT'],
    ['Rp', 'NUMBER_FORMAT'],
    ['1.65.3', 'NUMBER_AMBIGUOUS'],
    ['1,653.027,794', 'NUMBER_AMBIGUOUS'],
    ['0.500', 'TOO_MANY_DECIMALS'],
    ['00.500', 'NUMBER_AMBIGUOUS'],
    ['1.2345.678', 'NUMBER_AMBIGUOUS'],
    ['1.', 'NUMBER_FORMAT'],
    [',5', 'NUMBER_FORMAT'],
    ['1 653 027 794', 'NUMBER_FORMAT'],
    ['1000000000000000000', 'NUMBER_TOO_LARGE'],
  ])('refuses %s (%s), never guesses', (raw, rule) => {
    expect(ruleOf(() => parseIndonesianNumber(text(raw)))).toBe(rule);
  });

  it('takes numeric spreadsheet cells as they are, without Indonesian separators', () => {
    expect(parseIndonesianNumber({ text: '1.653', number: '1.653' }, { maxDecimals: 6 })).toBe('1.653');
    expect(ruleOf(() => parseIndonesianNumber({ text: '1.653', number: '1.653' }))).toBe('TOO_MANY_DECIMALS');
  });

  it('reads a decimal after a lone zero: no thousands group starts with 0', () => {
    expect(parseIndonesianNumber(text('0.065'), { maxDecimals: 6 })).toBe('0.065');
    expect(parseIndonesianNumber(text('0,065'), { maxDecimals: 6 })).toBe('0.065');
    expect(parseIndonesianNumber(text('1.065'), { maxDecimals: 6 })).toBe('1065');
  });

  it('reads percentages', () => {
    for (const raw of ['38,15', '38.15', '38,15%', '38,15 %']) expect(parseIndonesianNumber(text(raw), { percent: true })).toBe('38.15');
  });
});

describe('dates, phases, periods, years, directions', () => {
  it('reads ISO, day/month/year and Indonesian month names', () => {
    expect(parseImportDate(text('2022-11-08'))).toBe('2022-11-08');
    expect(parseImportDate(text('08/11/2022'))).toBe('2022-11-08');
    expect(parseImportDate(text('8/11/2022'))).toBe('2022-11-08');
    expect(parseImportDate(text('8 November 2022'))).toBe('2022-11-08');
    expect(parseImportDate(text('30 desember 2021'))).toBe('2021-12-30');
    expect(parseImportDate(text('1 Pebruari 2022'))).toBe('2022-02-01');
    for (const bad of ['2022-02-30', '31/04/2022', '11/08/22', '8 Nov 2022', 'kemarin'])
      expect(ruleOf(() => parseImportDate(text(bad)))).toBe('DATE_FORMAT');
  });

  it('reads phases in the spellings offices use', () => {
    const cases: Array<[string, string]> = [
      ['RKPD', 'RKPD'],
      ['Renja', 'RENJA'],
      ['Pagu Indikatif', 'RENJA'],
      ['KUA-PPAS', 'KUA_PPAS'],
      ['kua ppas', 'KUA_PPAS'],
      ['APBD Induk', 'APBD'],
      ['APBD Murni', 'APBD'],
      ['apbd', 'APBD'],
      ['Pergeseran', 'PERGESERAN'],
      ['APBD-P', 'APBD_P'],
      ['APBD Perubahan', 'APBD_P'],
      ['apbd_p', 'APBD_P'],
      ['Prakiraan Maju', 'PRAKIRAAN_MAJU'],
    ];
    for (const [raw, phase] of cases) expect(parseImportPhase(text(raw))).toBe(phase);
    expect(ruleOf(() => parseImportPhase(text('RAPBD')))).toBe('PHASE_UNKNOWN');
  });

  it('reads periods, taking the year from Tahun where the cell has none', () => {
    expect(parseImportPeriod(text('2022-11'), 2022)).toBe('2022-11');
    expect(parseImportPeriod(text('2022-q4'), 2022)).toBe('2022-Q4');
    expect(parseImportPeriod(text('TW IV'), 2022)).toBe('2022-Q4');
    expect(parseImportPeriod(text('Triwulan 2'), 2022)).toBe('2022-Q2');
    expect(parseImportPeriod(text('triwulan iii'), 2022)).toBe('2022-Q3');
    expect(parseImportPeriod(text('November'), 2022)).toBe('2022-11');
    for (const bad of ['2022-13', 'TW V', 'Q4', 'akhir tahun'])
      expect(ruleOf(() => parseImportPeriod(text(bad), 2022))).toBe('PERIOD_FORMAT');
  });

  it('reads years and directions', () => {
    expect(parseImportYear(text(' 2022 '))).toBe(2022);
    expect(parseImportYear({ text: '2022', number: '2022' })).toBe(2022);
    expect(ruleOf(() => parseImportYear(text('22')))).toBe('YEAR_FORMAT');
    expect(parseDirection(text('Naik'))).toBe('higher_is_better');
    expect(parseDirection(text('turun'))).toBe('lower_is_better');
    expect(ruleOf(() => parseDirection(text('lebih baik')))).toBe('DIRECTION_UNKNOWN');
  });
});
