import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], A: { d: 2, c: 3 } })).toBe('{"A":{"c":3,"d":2},"a":[true,null,"x"],"b":1}');
    // RFC 8785 §3.2.3 example order: by UTF-16 code units, not by code point or locale
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\u00f6': 5, '\ud83d\ude00': 6, '\u0080': 7 })).toBe(
      '{"\\r":2,"1":4,"\u0080":7,"\u00f6":5,"\u20ac":1,"\ud83d\ude00":6,"\ufb33":3}',
    );
  });

  it('serialises numbers and strings as ECMAScript does', () => {
    expect(canonicalJson([2022, 1e21, 0.5, -0, 'Rp 1.653.027.794,00', 'line\n"quoted"'])).toBe('[2022,1e+21,0.5,0,"Rp 1.653.027.794,00","line\\n\\"quoted\\""]');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ x: () => 1 })).toThrow(/function/);
  });
});
