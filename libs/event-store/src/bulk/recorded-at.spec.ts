import { readsIsoDates, recordedAtFromText } from './recorded-at';

describe('recordedAtFromText: to_char’s text of a recorded time from the timestamp’s ISO text', () => {
  it.each([
    ['2023-01-31 08:15:00', '2023-01-31T08:15:00.000000Z'],
    ['2023-01-31 08:15:00.1', '2023-01-31T08:15:00.100000Z'],
    ['2023-01-31 08:15:00.12', '2023-01-31T08:15:00.120000Z'],
    ['2023-01-31 08:15:00.000001', '2023-01-31T08:15:00.000001Z'],
    ['2023-01-31 08:15:00.123456', '2023-01-31T08:15:00.123456Z'],
    ['1000-01-01 00:00:00', '1000-01-01T00:00:00.000000Z'],
    ['9999-12-31 23:59:59.99999', '9999-12-31T23:59:59.999990Z'],
  ])('%s → %s', (text, expected) => {
    expect(recordedAtFromText(text)).toBe(expected);
  });

  it('returns to_char’s own text (years outside 1000–9999) as it is', () => {
    expect(recordedAtFromText('0999-12-31T23:59:59.999999Z')).toBe('0999-12-31T23:59:59.999999Z');
    expect(recordedAtFromText('10000-01-01T00:00:00.000000Z')).toBe('10000-01-01T00:00:00.000000Z');
  });

  it.each([
    '2023-01-31 08:15:00+00',
    '2023-01-31T08:15:00',
    '2023-01-31 08:15:00.',
    '2023-01-31 08:15:00.1234567',
    '0044-03-15 12:00:00 BC',
    '10000-01-01 00:00:00',
    '01/31/2023 08:15:00',
    '',
  ])('refuses %j (never a wrong time)', (text) => {
    expect(() => recordedAtFromText(text)).toThrow(/unexpected recorded_at text/);
  });
});

describe('readsIsoDates', () => {
  it.each([
    ['ISO, MDY', true],
    ['ISO, DMY', true],
    ['iso', true],
    ['SQL, DMY', false],
    ['Postgres, MDY', false],
    ['German, DMY', false],
    ['ISOX', false],
  ])('%s → %s', (style, expected) => {
    expect(readsIsoDates(style)).toBe(expected);
  });
});
