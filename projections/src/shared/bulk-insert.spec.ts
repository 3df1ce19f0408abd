import Decimal from 'decimal.js';
import { copyValue } from './bulk-insert';

describe('copyValue: one text-format COPY field, stored as json_populate_recordset stored it', () => {
  it('writes SQL NULL for null, undefined and non-finite numbers', () => {
    expect(copyValue(null, false)).toBe('\\N');
    expect(copyValue(undefined, true)).toBe('\\N');
    expect(copyValue(Number.NaN, false)).toBe('\\N');
  });

  it('escapes backslash, tab, newline and carriage return in text', () => {
    expect(copyValue('a\tb\nc\rd\\e', false)).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('\\N', false)).toBe('\\\\N');
    expect(copyValue('plain ☃ "quoted"', false)).toBe('plain ☃ "quoted"');
  });

  it('writes numbers, booleans and values with toJSON (decimals, dates) as their text', () => {
    expect(copyValue(42, false)).toBe('42');
    expect(copyValue(true, false)).toBe('true');
    expect(copyValue(new Decimal('1234567890123456789.10'), false)).toBe('1234567890123456789.1');
    expect(copyValue(new Date('2023-01-02T03:04:05.000Z'), false)).toBe('2023-01-02T03:04:05.000Z');
  });

  it('writes a json column as the JSON text of its value, a string quoted, only backslashes escaped', () => {
    expect(copyValue({ a: 'x\ty', b: [1, null] }, true)).toBe('{"a":"x\\\\ty","b":[1,null]}');
    expect(copyValue('text', true)).toBe('"text"');
    expect(copyValue({ d: new Decimal('1.50') }, true)).toBe('{"d":"1.5"}');
  });
});
