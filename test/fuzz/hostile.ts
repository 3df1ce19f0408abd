import fc from 'fast-check';

/**
 * Hostile values for request bodies, headers and paths. A value written as RAW(...) is inserted into the
 * JSON text as is, for literals JSON.stringify cannot produce (1e999 parses to Infinity, huge integers).
 */
const RAW = (literal: string) => `__RAW(${literal})__`;
export const rawJson = (text: string) => text.replace(/"__RAW\((.*?)\)__"/g, '$1');

const NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '1e-308',
  '-0',
  '0x10',
  '1e3',
  '1,5',
  '1.005',
  ' 12 ',
  '+1',
  '00012',
  '.5',
  '5.',
  '1e18',
  '-1000000000000000000.00',
];
const AMOUNTS = [
  '1000000000000000000',
  '1000000000000000000.00',
  '999999999999999999999999999999.99',
  '-1.00',
  '0.001',
  '0.00',
  '1e15',
  '١٢٣',
  '１２３',
];
const FRAGMENTS = [
  "'; DROP TABLE ledger_events; --",
  "1' OR '1'='1",
  '$$; TRUNCATE ledger_events; $$',
  '<script>alert(document.cookie)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '\udc00x',
  '\u202eevil',
  '\ufeff',
  'a\u0301\u0301\u0301',
  '\r\nX-Injected: 1',
  '__proto__',
  'constructor',
  '🇮🇩 Dinas Koperasi',
];

/** Numbers JSON can carry, including ones no JS number holds exactly. */
const rawNumbers = fc
  .constantFrom('1e999', '-1e999', '123456789012345678901234567890', '1000000000000000000', '0.1e-400', '-0.0', '1E+2')
  .map(RAW);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 63, -(2 ** 63), 1e18, 1e-7),
  fc.integer(),
  fc.double(),
  rawNumbers,
  fc.constantFrom(...NUMBERS, ...AMOUNTS, ...FRAGMENTS),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  fc.constantFrom(1_000, 10_000, 300_000).map((n) => 'x'.repeat(n)),
  fc.constantFrom(200, 2_000).map((n) => 'ü🇮🇩'.repeat(n)),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** Printable characters a header may carry (Node refuses control characters before they are sent). */
const headerChar = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c));
export const hostileHeader = fc.oneof(
  fc.string({ unit: headerChar, maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '"7"',
    'W/"1"',
    '*',
    '"99999999999999999999"',
    '-1',
    '"abc"',
    'x'.repeat(5000),
    "'; DROP TABLE ledger_events; --",
  ),
);

/** A path segment: valid-looking, hostile, or broken percent-encoding (sent raw). */
export const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom(
    '%',
    '%zz',
    '%00',
    '%C0%AF',
    '..',
    '.',
    '%2e%2e',
    '%2F',
    'x'.repeat(3000),
    '1e3',
    '-1',
    '0',
    '99999999999999999999',
    "'%20OR%201=1",
    '%3Cscript%3E',
  ),
);

/** Raw bodies: malformed or ambiguous JSON built around a body the endpoint would otherwise take. */
export const hostileRawBody = (valid: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((n) => valid.slice(0, n)),
    hostileValue.map((v) =>
      valid.startsWith('{"') ? valid.replace(/^\{("[^"]*"):/, (_, key) => `{${key}:${JSON.stringify(v) ?? 'null'},${key}:`) : valid,
    ),
    fc.integer({ min: 20, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc.integer({ min: 20, max: 5_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    fc.constantFrom(
      '',
      'null',
      '[]',
      '"text"',
      '0',
      'true',
      '{',
      '}',
      '{"a":1}}',
      '\ufeff{}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      "{'a':1}",
      '{"a":01}',
      '{"a":NaN}',
      'x'.repeat(2_000_000),
    ),
  );
