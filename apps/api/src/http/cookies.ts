import { timingSafeEqual } from 'node:crypto';

/**
 * The cookies of a Cookie header (RFC 6265 §5.4: "name=value; name2=value2"). The first of a repeated
 * name wins (the most specific path comes first); quoted values lose their quotes; values are not
 * percent-decoded (ours are base64url). Malformed pairs are skipped.
 */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return cookies;
  for (const pair of text.slice(0, 16_384).split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export interface CookieAttributes {
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  secure: boolean;
  /** Default Strict. Lax only for the sign-in attempt, which must come back on the provider's redirect. */
  sameSite?: 'Strict' | 'Lax';
  /** Default "/". */
  path?: string;
}

/** A Set-Cookie value: always HttpOnly; SameSite=Strict and Path=/ unless told otherwise. */
export function sessionCookie(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [
    `${name}=${value}`,
    `Path=${attributes.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(attributes.maxAge))}`,
    'HttpOnly',
    `SameSite=${attributes.sameSite ?? 'Strict'}`,
  ];
  if (attributes.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Compares two secrets in time independent of where they differ. */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
