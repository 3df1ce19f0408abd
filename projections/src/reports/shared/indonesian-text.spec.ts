import {
  checkStatus,
  dayMonthYear,
  legalBasisLine,
  dateInWords,
  percentText,
  periodText,
  pointOfView,
  rupiahText,
  valueText,
  wibDateTime,
  wibDay,
} from './indonesian-text';

describe('wibDateTime', () => {
  it('shows a recorded UTC time in WIB (UTC+7) to the minute, naming the zone, without microseconds', () => {
    expect(wibDateTime('2022-12-15T07:03:12.123456Z')).toBe('15-12-2022 14:03 WIB');
  });

  it('moves to the next day, month and year when WIB is already past midnight', () => {
    expect(wibDateTime('2022-12-31T17:30:00Z')).toBe('01-01-2023 00:30 WIB');
    expect(wibDateTime('2022-12-15T23:59:59.999999Z')).toBe('16-12-2022 06:59 WIB');
  });

  it('reads an offset given with the time, with or without a colon', () => {
    expect(wibDateTime('2022-12-15T14:03:00+07:00')).toBe('15-12-2022 14:03 WIB');
    expect(wibDateTime('2022-12-15 09:03:00+0200')).toBe('15-12-2022 14:03 WIB');
  });

  it('leaves text that is not an instant as it is rather than inventing a time', () => {
    expect(wibDateTime('kemarin')).toBe('kemarin');
  });
});

describe('wibDay', () => {
  it('gives the calendar day in WIB, the next day once WIB is past midnight, as a signature dates the paper', () => {
    expect(wibDay('2023-01-31T02:00:00Z')).toBe('2023-01-31');
    expect(wibDay('2022-12-31T17:30:00.123456Z')).toBe('2023-01-01');
    expect(dateInWords(wibDay('2026-12-05T11:50:00Z'))).toBe('5 Desember 2026');
  });

  it('leaves text that is not an instant as it is instead of throwing', () => {
    expect(wibDay('bukan waktu')).toBe('bukan waktu');
    expect(wibDateTime('2022-13-45T99:99:00Z')).toBe('2022-13-45T99:99:00Z');
  });
});

describe('dates', () => {
  it('gives a column date as DD-MM-YYYY and a date in a sentence with the month named', () => {
    expect(dayMonthYear('2022-11-08')).toBe('08-11-2022');
    expect(dayMonthYear(null)).toBeNull();
    expect(dateInWords('2022-11-08')).toBe('8 November 2022');
    expect(dateInWords('2023-01-31')).toBe('31 Januari 2023');
  });

  it('names a realisation period as the office does', () => {
    expect(periodText('2022-Q3')).toBe('TW III 2022');
    expect(periodText('2022-11')).toBe('November 2022');
  });

  it('cites a legal basis with its date written out', () => {
    expect(legalBasisLine({ kind: 'PMK', number: '170/PMK.07/2022', date: '2022-11-08' })).toBe(
      'PMK 170/PMK.07/2022 tanggal 8 November 2022',
    );
    expect(legalBasisLine(null)).toBeNull();
  });
});

describe('figures in text', () => {
  it('writes amounts as Rupiah with dot thousands and comma decimals', () => {
    expect(rupiahText('7394109271.00')).toBe('Rp 7.394.109.271,00');
    expect(rupiahText('-250000.5')).toBe('-Rp 250.000,50');
  });

  it('writes percentages with a decimal comma and two places, and values with Indonesian separators', () => {
    expect(percentText('74.06')).toBe('74,06 %');
    expect(percentText('38.1')).toBe('38,10 %');
    expect(percentText('-0.00')).toBe('0,00 %');
    expect(valueText('1250.5')).toBe('1.250,5');
  });

  it('shows a missing figure as a dash, never as a zero', () => {
    expect(rupiahText(null)).toBe('—');
    expect(percentText(null)).toBe('—');
    expect(valueText(undefined)).toBe('—');
  });

  it('names a tie-out status in Indonesian', () => {
    expect(checkStatus('OK')).toBe('sesuai');
    expect(checkStatus('MISMATCH')).toBe('TIDAK SESUAI');
  });
});

describe('pointOfView', () => {
  it('prints the as-of dates in Indonesian, the recorded time in WIB', () => {
    expect(pointOfView({ validAt: '2022-09-30', knownAt: '2022-12-15T07:03:00.000000Z' })).toBe(
      'Sudut pandang: berlaku s.d. 30-09-2022; sebagaimana tercatat s.d. 15-12-2022 14:03 WIB',
    );
    expect(pointOfView({})).toBe('Sudut pandang: berlaku s.d. hari ini; semua yang tercatat');
  });
});
