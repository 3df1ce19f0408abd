/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for the values the ledger stores: objects with keys
 * sorted by UTF-16 code units, no whitespace, strings and numbers serialised as ECMAScript's
 * JSON.stringify does (which is what RFC 8785 specifies). Refuses what JCS cannot represent.
 *
 * Every append and every verification runs this over every event, so it is written as plain loops
 * that build one string (no intermediate arrays of entries): several times faster than the
 * map/filter/join formulation, with the same output.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot represent ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonical JSON cannot represent a ${typeof value}`);
  }
}

function canonicalArray(values: unknown[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) out += i === 0 ? canonicalJson(values[i]) : `,${canonicalJson(values[i])}`;
  return `${out}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  // The default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 requires.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
