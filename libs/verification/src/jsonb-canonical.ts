import { leafHashOfText } from '@renja/integrity';
import type { RecordedEvent } from '@renja/event-store';
import { hasWellFormedHead, leafTextOfCanonicalParts } from '@renja/event-store/integrity/event-hash';

/**
 * The RFC 8785 canonical JSON of a value, made straight from the text PostgreSQL's jsonb_out gives
 * for it (`{"k": v, "k2": [1, "x"]}`: ", " and ": " between tokens, keys unique and ordered by length
 * then bytes), without building the value: the members of each object are put in UTF-16 code-unit
 * order and the whitespace dropped. Tokens are copied as they stand only where their text is provably
 * the one JSON.stringify gives for them:
 * - strings whose escapes are exactly JSON.stringify's (\" \\ \b \f \n \r \t, \u00xx in lower case for
 *   the other control characters) and that hold no raw control character and no surrogate;
 * - integers of at most 15 digits without a sign on zero (a fraction, an exponent or a longer integer
 *   is written differently by numeric_out and by ECMAScript);
 * - true, false, null.
 * Anything else (a key with an escape, a duplicate key, any other form) answers null: the caller then
 * parses the text and canonicalises the value (canonicalJson), which is the authority.
 */
export function canonicalFromJsonbText(text: string): string | null {
  src = text;
  at = 0;
  const value = readValue(0);
  if (value === null) return null;
  skipSpace();
  return at === src.length ? value : null;
}

// One text at a time (the function is synchronous): the scanner's state lives here, not in objects.
let src = '';
let at = 0;

const MAX_DEPTH = 64;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function skipSpace(): void {
  for (;;) {
    const c = src.charCodeAt(at);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
    else return;
  }
}

function readValue(depth: number): string | null {
  skipSpace();
  const c = src.charCodeAt(at);
  if (c === QUOTE) return readString();
  if (c === 0x7b) return depth < MAX_DEPTH ? readObject(depth + 1) : null; // {
  if (c === 0x5b) return depth < MAX_DEPTH ? readArray(depth + 1) : null; // [
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return readInteger();
  if (src.startsWith('null', at)) return literal(4);
  if (src.startsWith('true', at)) return literal(4);
  if (src.startsWith('false', at)) return literal(5);
  return null;
}

function literal(length: number): string {
  const token = src.slice(at, at + length);
  at += length;
  return token;
}

/** -?(0|[1-9][0-9]*) of at most 15 digits, not followed by a fraction or an exponent, and not -0. */
function readInteger(): string | null {
  const start = at;
  if (src.charCodeAt(at) === 0x2d) at++;
  const first = at;
  while (at < src.length) {
    const c = src.charCodeAt(at);
    if (c < 0x30 || c > 0x39) break;
    at++;
  }
  const digits = at - first;
  if (digits === 0 || digits > 15) return null;
  if (src.charCodeAt(first) === 0x30 && (digits > 1 || first > start)) return null; // 01, -0
  const next = src.charCodeAt(at);
  if (next === 0x2e || next === 0x65 || next === 0x45) return null; // . e E
  return src.slice(start, at);
}

/** The string token starting at `at` (a quote), as it stands, when it is JSON.stringify's text of its value. */
function readString(): string | null {
  const start = at;
  at++;
  for (;;) {
    const c = src.charCodeAt(at);
    if (c === QUOTE) {
      at++;
      return src.slice(start, at);
    }
    if (c !== c || c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) return null; // end of text (NaN), control, surrogate
    if (c === BACKSLASH) {
      const e = src.charCodeAt(at + 1);
      if (e === QUOTE || e === BACKSLASH || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) at += 2;
      else if (e === 0x75 && shortUnicodeEscape(at + 2)) at += 6;
      else return null;
    } else at++;
  }
}

/** `00xx` at i, lower-case hex, for a control character that JSON.stringify writes as \u00xx (not \b \t \n \f \r). */
function shortUnicodeEscape(i: number): boolean {
  if (src.charCodeAt(i) !== 0x30 || src.charCodeAt(i + 1) !== 0x30) return false;
  const hi = src.charCodeAt(i + 2);
  const lo = src.charCodeAt(i + 3);
  if (hi !== 0x30 && hi !== 0x31) return false;
  const low = lo >= 0x30 && lo <= 0x39 ? lo - 0x30 : lo >= 0x61 && lo <= 0x66 ? lo - 0x61 + 10 : -1;
  if (low < 0) return false;
  const code = (hi - 0x30) * 16 + low;
  return code !== 0x08 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d;
}

function readArray(depth: number): string | null {
  at++;
  skipSpace();
  if (src.charCodeAt(at) === 0x5d) {
    at++;
    return '[]';
  }
  let out = '[';
  for (;;) {
    const value = readValue(depth);
    if (value === null) return null;
    out += value;
    skipSpace();
    const c = src.charCodeAt(at++);
    if (c === 0x5d) return `${out}]`;
    if (c !== 0x2c) return null;
    out += ',';
  }
}

function readObject(depth: number): string | null {
  at++;
  skipSpace();
  if (src.charCodeAt(at) === 0x7d) {
    at++;
    return '{}';
  }
  // Members kept in key order as they come (insertion sort: objects have a handful of members).
  const keys: string[] = [];
  const members: string[] = [];
  for (;;) {
    skipSpace();
    if (src.charCodeAt(at) !== QUOTE) return null;
    const token = readString();
    if (token === null) return null;
    const key = token.slice(1, -1);
    if (key.includes('\\')) return null; // compared by its text below, which must then be its value
    skipSpace();
    if (src.charCodeAt(at++) !== 0x3a) return null; // :
    const value = readValue(depth);
    if (value === null) return null;
    let i = keys.length;
    keys.push(key);
    members.push(value);
    for (; i > 0 && keys[i - 1] > key; i--) {
      keys[i] = keys[i - 1];
      members[i] = members[i - 1];
    }
    if (i > 0 && keys[i - 1] === key) return null; // a duplicate: JSON.parse keeps the last one
    keys[i] = key;
    members[i] = value;
    skipSpace();
    const c = src.charCodeAt(at++);
    if (c === 0x7d) {
      let out = '{';
      for (let k = 0; k < keys.length; k++) out += `${k === 0 ? '' : ','}"${keys[k]}":${members[k]}`;
      return `${out}}`;
    }
    if (c !== 0x2c) return null;
  }
}

/**
 * eventHash (libs/event-store integrity/event-hash.ts) of an event whose data and metadata are given as
 * jsonb text: the same leaf text, its two JSON members canonicalised from their text. Null when either
 * text is outside canonicalFromJsonbText's forms or the event is not well formed: then only eventHash,
 * over the parsed values, can say what the hash is.
 */
export function eventHashOfJsonbText(
  event: Omit<RecordedEvent, 'data' | 'metadata'>,
  dataText: string,
  metadataText: string,
  previousHash: Buffer,
): Buffer | null {
  if (!hasWellFormedHead(event)) return null;
  const data = canonicalFromJsonbText(dataText);
  if (data === null) return null;
  const metadata = canonicalFromJsonbText(metadataText);
  if (metadata === null) return null;
  return leafHashOfText(leafTextOfCanonicalParts(event, data, metadata, previousHash));
}
