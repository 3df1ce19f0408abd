import { humanCell, indonesianDate, indonesianNumber, wibTime } from './human-cells';

describe('human cells', () => {
  it('writes amounts, percentages and values the Indonesian way, and missing as a dash', () => {
    expect(humanCell('amount', '1653027794.00')).toBe('Rp 1.653.027.794,00');
    expect(humanCell('amount', '-200000.00', { compact: true })).toBe('-200.000,00');
    expect(humanCell('percent', '38.15')).toBe('38,15 %');
    expect(humanCell('value', '12345.5')).toBe('12.345,5');
    expect(humanCell('amount', null)).toBe('—');
    expect(indonesianNumber('-1000')).toBe('-1.000');
  });
});

describe('Indonesian dates and WIB times', () => {
  it('names the month and writes the time in WIB with the zone named', () => {
    expect(indonesianDate('2022-09-30')).toBe('30 September 2022');
    expect(indonesianDate('2023-01-05')).toBe('5 Januari 2023');
    expect(wibTime('2022-12-15T20:30:00.000Z')).toBe('16 Desember 2022 03.30 WIB');
  });
});
