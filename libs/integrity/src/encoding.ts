/**
 * Strict text encodings shared by signed notes and checkpoints. Buffer.from(s, 'base64') is
 * lenient (skips invalid characters, accepts missing padding), which would let two different
 * strings decode to the same bytes; signed formats must have exactly one spelling.
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard padded base64 (RFC 4648 §4), or returns undefined if it is not canonical. */
export function decodeBase64Strict(s: string): Buffer | undefined {
  if (!BASE64.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64');
  // Non-zero padding bits would decode to the same bytes as the canonical string: reject them.
  return bytes.toString('base64') === s ? bytes : undefined;
}

/**
 * C2SP signed-note key names: non-empty, no Unicode spaces, no '+' (which separates the fields
 * of a key string). JS \s lacks U+0085 (NEL), which Go's unicode.IsSpace includes.
 */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && isWellFormedText(name);
}

/** True when the string has no lone UTF-16 surrogates, i.e. it round-trips through UTF-8. */
export function isWellFormedText(s: string): boolean {
  return Buffer.from(s, 'utf8').toString('utf8') === s;
}

/** True when the text has an ASCII control character other than newline (forbidden in notes). */
export function hasForbiddenControl(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0009\u000B-\u001F]/.test(s);
}
