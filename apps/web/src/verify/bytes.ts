/** Byte helpers on standard Web APIs only (crypto.subtle, TextEncoder): no Buffer, no node:crypto. */

/** The part of SubtleCrypto this module uses, typed here so it compiles with or without lib.dom. */
export interface SubtleSubset {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: { name: 'Ed25519' }, extractable: boolean, usages: ['verify']): Promise<unknown>;
  verify(algorithm: { name: 'Ed25519' }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

export function subtle(): SubtleSubset {
  const c = (globalThis as unknown as { crypto?: { subtle?: SubtleSubset } }).crypto;
  if (!c?.subtle) throw new Error('WebCrypto (crypto.subtle) is not available');
  return c.subtle;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', concat(...parts)));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const HEX64 = /^[0-9a-f]{64}$/;
export const isHash64 = (value: unknown): value is string => typeof value === 'string' && HEX64.test(value);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += ALPHABET.charAt((n >> 18) & 63) + ALPHABET.charAt((n >> 12) & 63);
    out += left > 1 ? ALPHABET.charAt((n >> 6) & 63) : '=';
    out += left > 2 ? ALPHABET.charAt(n & 63) : '=';
  }
  return out;
}

/**
 * Standard padded base64 (RFC 4648 §4), strict: anything else (missing padding, other characters,
 * non-zero padding bits) is undefined, so that a signed text has exactly one spelling.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || !CANONICAL_BASE64.test(text)) return undefined;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, j) => (acc << 6) | Math.max(0, ALPHABET.indexOf(text.charAt(i + j))), 0);
    const triple = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    for (const b of triple) if (at < out.length) out[at++] = b;
  }
  return toBase64(out) === text ? out : undefined;
}
