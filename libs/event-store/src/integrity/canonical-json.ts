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

const canonicalObject = (object: Record<string, unknown>): string => objectText(object, canonicalJson);

/** An object's members in RFC 8785 order, each value written by `value`; members left undefined are skipped. */
function objectText(object: Record<string, unknown>, value: (member: unknown) => string): string {
  // The default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 requires.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${value(member)}`;
  }
  return `${out}}`;
}

/**
 * canonicalJson(JSON.parse(JSON.stringify(value))) without the round trip through text, for a value that is
 * plainly JSON: strings, finite numbers, booleans, null, arrays without holes and objects whose prototype is
 * Object.prototype or null (what JSON.parse builds and what callers write as literals), members left undefined
 * skipped as JSON.stringify skips them. Anything else (a toJSON, a Date or Decimal, a boxed primitive, a function,
 * undefined in an array, NaN, a cycle) answers undefined: the caller then takes the round trip, whose answer or error
 * is the authority. Where it answers, its text is that of the round trip (a property test checks it).
 */
export function canonicalJsonOfPlain(value: unknown): string | undefined {
  try {
    return plainValue(value);
  } catch {
    return undefined; // not plain, a cycle (stack overflow) or a getter that throws: the round trip decides
  }
}

/** Thrown by plainValue for what is not plainly JSON. */
const NOT_PLAIN = new TypeError('not plain JSON');

function plainValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      const proto: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value)) {
        if (proto !== Array.prototype) throw NOT_PLAIN;
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (!(i in value) || value[i] === undefined) throw NOT_PLAIN;
          out += i === 0 ? plainValue(value[i]) : `,${plainValue(value[i])}`;
        }
        return `${out}]`;
      }
      if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
      // An own toJSON would be called by JSON.stringify: a function member is not plain anyway (below).
      return objectText(value as Record<string, unknown>, plainValue);
    }
    default:
      throw NOT_PLAIN; // a function, symbol or bigint: JSON.stringify drops, nulls or refuses it
  }
}
