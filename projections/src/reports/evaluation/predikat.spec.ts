import { averageOf, predikatOf } from './predikat';

describe('predikat kinerja (Permendagri 86/2017 bands)', () => {
  it.each([
    ['91.00', 'ST'],
    ['90.99', 'T'],
    ['76.00', 'T'],
    ['75.99', 'S'],
    ['66.00', 'S'],
    ['65.99', 'R'],
    ['51.00', 'R'],
    ['50.99', 'SR'],
    ['0.00', 'SR'],
    ['125.00', 'ST'],
  ])('%s %% → %s', (capaian, predikat) => expect(predikatOf(capaian)).toBe(predikat));

  it('keeps missing capaian missing and averages only what is there', () => {
    expect(predikatOf(null)).toBeNull();
    expect(averageOf([null, null])).toBeNull();
    expect(averageOf(['125.00', null, '35.00'])).toBe('80.00');
    expect(averageOf(['33.33', '33.33', '33.34'])).toBe('33.33');
  });
});
