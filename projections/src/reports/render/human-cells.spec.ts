import { humanCell, indonesianNumber } from './human-cells';

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
