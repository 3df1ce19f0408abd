/**
 * RFC 8785 (JSON Canonicalization Scheme) as docs/verification.md §1 applies it: no whitespace,
 * object members sorted by their names as arrays of UTF-16 code units (the default sort order of
 * JavaScript strings), strings and numbers exactly as ECMAScript's JSON.stringify writes them,
 * members whose value is undefined dropped, null kept. Refuses what JSON cannot carry.
 * Standard ECMAScript only: runs in a browser and in Node alike.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // JSON.stringify escapes " \ and U+0000..U+001F (\b \t \n \f \r, else \u00xx lowercase), nothing else.
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot represent ${value}`);
      return JSON.stringify(value); // Number::toString: 1e+21, 0.1, -0 → 0
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonical JSON cannot represent a ${typeof value}`);
  }
}

function canonicalObject(object: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
