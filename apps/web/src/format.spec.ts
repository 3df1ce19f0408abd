import { formatDate, formatDecimal, formatPercent, formatRecordedTime, formatRupiah, signOf, wibParts, WIB_INTL_OPTIONS } from './format';

describe('workbench formats', () => {
  it('writes rupiah the Indonesian way without parsing into a float', () => {
    expect(formatRupiah('1653027794.00')).toBe('Rp 1.653.027.794,00');
    expect(formatRupiah('6145553447')).toBe('Rp 6.145.553.447,00');
    expect(formatRupiah('0.5')).toBe('Rp 0,50');
    expect(formatRupiah('-1000')).toBe('−Rp 1.000,00');
    expect(formatRupiah('-0.00')).toBe('Rp 0,00');
    expect(formatRupiah('99999999999999999999.99')).toBe('Rp 99.999.999.999.999.999.999,99');
    expect(formatRupiah(null)).toBe('—');
    expect(formatRupiah('1653027794.00', 'en')).toBe('Rp 1,653,027,794.00');
  });

  it('keeps more places than two when the server sends them, and shows odd input as received', () => {
    expect(formatDecimal('1.125', 'id')).toBe('1,125');
    expect(formatDecimal('abc')).toBe('abc');
  });

  it('writes percentages with a comma and a spaced sign', () => {
    expect(formatPercent('38.15')).toBe('38,15 %');
    expect(formatPercent('100')).toBe('100,00 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes calendar dates with Indonesian month names', () => {
    expect(formatDate('2022-11-15')).toBe('15 November 2022');
    expect(formatDate('2022-03-01', 'en')).toBe('1 March 2022');
  });

  it('shows recorded times in WIB with the zone named', () => {
    expect(formatRecordedTime('2022-11-15T07:03:22.123456Z')).toBe('15 November 2022 14.03.22 WIB');
    expect(formatRecordedTime('2022-12-31T18:30:00Z')).toBe('1 Januari 2023 01.30.00 WIB');
    // Before 1964 Jakarta was UTC+7:30: those instants are read from the time-zone data.
    expect(formatRecordedTime('1963-12-31T16:29:00Z')).toBe('31 Desember 1963 23.59.00 WIB');
    expect(formatRecordedTime('1963-12-31T16:45:00Z')).toBe('31 Desember 1963 23.45.00 WIB');
  });

  it('reads the same WIB fields as the time-zone data, from 1940 to 2100', () => {
    const intl = new Intl.DateTimeFormat('en-GB', WIB_INTL_OPTIONS);
    const fields = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
    const differing: string[] = [];
    // Every 3 days 7 h 13 min 11.5 s: all hours, minutes and seconds of the day, month ends and leap days.
    for (let t = Date.UTC(1940, 0, 1); t < Date.UTC(2100, 0, 1); t += ((3 * 24 + 7) * 60 + 13) * 60_000 + 11_500) {
      const date = new Date(t);
      const expected = Object.fromEntries(intl.formatToParts(date).map((p) => [p.type, p.value]));
      const ours = wibParts(date);
      if (fields.some((f) => ours[f] !== expected[f])) differing.push(`${date.toISOString()}: ${JSON.stringify(ours)}`);
    }
    expect(differing).toEqual([]);
  });

  it('tells the sign of a decimal string', () => {
    expect([signOf('-5'), signOf('0.00'), signOf('12.5'), signOf(null)]).toEqual([-1, 0, 1, 0]);
  });
});
