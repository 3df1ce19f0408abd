import { decimalCommaSuspect, rowLengthProblem, splitAmountAt } from './row-shape';

const HEADER = ['Tahun', 'Perangkat Daerah', 'Kode', 'Periode', 'Indikator', 'Realisasi', 'Realisasi Kinerja', 'Tanggal Berlaku', 'Alasan'];

describe('row shape', () => {
  it('finds an amount split at its decimal comma, and nothing else', () => {
    expect(splitAmountAt(['2022', 'DKUKM', '150.000.000', '50', ''])).toBe(2);
    expect(splitAmountAt(['Rp 1.653.027.794', '00'])).toBe(0);
    expect(splitAmountAt(['150000000', '5'])).toBe(0);
    // a year followed by a small number, or a three-digit group after the amount, is not a split cent
    expect(splitAmountAt(['2022', '5'])).toBe(-1);
    expect(splitAmountAt(['150.000.000', '500'])).toBe(-1);
    expect(splitAmountAt(['1.000', 'Unit'])).toBe(-1);
  });

  it('names the unquoted decimal comma when it explains a cell too many, with the row and both counts', () => {
    const texts = ['2022', 'DKUKM', '2.17.07.1.01.0001', 'TW II', '', '150.000.000', '50', '', '', ''];
    const problem = rowLengthProblem(texts, 7, HEADER, ',');
    expect([problem.rule, problem.column]).toEqual(['ROW_TOO_LONG', 'Realisasi']);
    expect(problem.message).toMatch(/^Baris 7 berisi 10 sel, sedangkan baris judul 9 kolom/);
    expect(problem.message).toContain('"150.000.000,50" terbaca sebagai dua sel, "150.000.000" dan "50"');
    expect(problem.message).toContain('pemisah titik koma (;)');
  });

  it('says what else makes a row longer or shorter; a semicolon file never blames a decimal comma', () => {
    const long = rowLengthProblem(['2022', 'DKUKM', 'Dinas Koperasi', ' UKM', '', '', '', '', '', ''], 3, HEADER, ',');
    expect([long.rule, long.column]).toEqual(['ROW_TOO_LONG', null]);
    expect(long.message).toContain('sebuah sel berisi "," tanpa tanda kutip');
    const short = rowLengthProblem(['2022', 'DKUKM', '2.17.07'], 4, HEADER, ';');
    expect(short.rule).toBe('ROW_TOO_SHORT');
    expect(short.message).toContain('setiap baris memerlukan 8 tanda ";"');
  });

  it('suspects a decimal comma in a well-formed row only at an amount column', () => {
    const texts = ['2022', 'DKUKM', '2.17.07.1.01.0001', 'TW II', 'Jumlah UMKM', '150.000.000', '50', '', ''];
    expect(decimalCommaSuspect(texts, HEADER)).toEqual({
      column: 'Realisasi',
      value: '150.000.000',
      message: expect.stringContaining('mungkin maksudnya 150.000.000,50'),
    });
    expect(
      decimalCommaSuspect(['2022', 'DKUKM', '2.17.07.1.01.0001', 'TW II', 'Jumlah UMKM', '150.000.000', '', '', ''], HEADER),
    ).toBeNull();
    // "12345" then "7" under Kode and Periode is no amount
    expect(decimalCommaSuspect(['2022', 'DKUKM', '12345', '7', '', '', '', '', ''], HEADER)).toBeNull();
  });
});
