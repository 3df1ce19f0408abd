import { parseCookies, sameSecret, sessionCookie } from './cookies';

describe('cookies', () => {
  it('parses a Cookie header: trims, unquotes, keeps the first of a repeated name, skips malformed pairs', () => {
    const cookies = parseCookies(' rl_session=abc_-123 ; theme="dark"; rl_session=second; =nameless; flag; empty=');
    expect([...cookies]).toEqual([
      ['rl_session', 'abc_-123'],
      ['theme', 'dark'],
      ['empty', ''],
    ]);
  });

  it('reads nothing from an absent or empty header, and joins repeated headers', () => {
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies('').size).toBe(0);
    expect(parseCookies(['a=1', 'b=2']).get('b')).toBe('2');
  });

  it('keeps "=" inside a value', () => {
    expect(parseCookies('t=a=b==').get('t')).toBe('a=b==');
  });

  it('writes a session cookie with HttpOnly, SameSite=Strict, Path=/, Max-Age and Secure only when asked', () => {
    expect(sessionCookie('rl_session', 'v', { maxAge: 28800.7, secure: false })).toBe(
      'rl_session=v; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict',
    );
    expect(sessionCookie('rl_session', '', { maxAge: -5, secure: true })).toBe(
      'rl_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    );
  });

  it('compares secrets exactly', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abd', 'abc')).toBe(false);
    expect(sameSecret('ab', 'abc')).toBe(false);
    expect(sameSecret(undefined, 'abc')).toBe(false);
  });
});
