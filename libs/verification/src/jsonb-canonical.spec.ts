import { eventHash, GENESIS_HASH, type RecordedEvent } from '@renja/event-store';
import { canonicalJson } from '@renja/event-store/integrity/canonical-json';
import { canonicalFromJsonbText, eventHashOfJsonbText } from './jsonb-canonical';

/**
 * The text jsonb_out would give for a value: members ordered by key length, then bytes; ", " and ": "
 * between tokens; strings escaped as PostgreSQL's escape_json does. (The int spec checks the real thing.)
 */
function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => {
      const [x, y] = [Buffer.from(a), Buffer.from(b)];
      return x.length - y.length || Buffer.compare(x, y);
    });
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

const expectCanonical = (value: unknown) => {
  const text = jsonbText(value);
  expect(canonicalFromJsonbText(text)).toBe(canonicalJson(JSON.parse(text)));
};

describe('canonicalFromJsonbText', () => {
  it.each([
    [
      'an event payload',
      {
        phase: 'APBD',
        amount: '653027791.00',
        fundingSource: 'DAU',
        outputs: [
          { n: 1, ok: true },
          { n: 2, ok: false },
        ],
      },
    ],
    ['metadata with nulls and a nested object', { actor: 'Siti', reason: null, legalBasis: { number: '10', kind: 'Perda', date: '2021' } }],
    ['keys whose byte order differs from their length order', { bb: 1, a: 2, ccc: 3, aa: 4, b: 5 }],
    ['a key that is a prefix of another, and keys below the quote', { a: 1, 'a!': 2, 'a ': 3, '!': 4 }],
    ['non-ASCII keys and text', { é: 'ü', z: 'Ω', ä: ['ß'] }],
    ['escapes JSON.stringify writes', { s: 'q"b\\s\b\f\n\r\t\u0001\u001f/\u007f\u2028' }],
    ['empty object and array, nested deep', { a: {}, b: [], c: [[[{ d: [] }]]] }],
    ['integers', { a: 0, b: -1, c: 123456789012345, d: [1, -20, 300] }],
    ['scalars at the top', 'text'],
    ['an array at the top', [1, 'two', null, true, false]],
  ])('gives canonicalJson of the parsed text: %s', (_what, value) => expectCanonical(value));

  it.each([
    ['a fraction', '{"a": 1.50}'],
    ['an exponent', '{"a": 1e3}'],
    ['a long integer', '{"a": 1234567890123456}'],
    ['minus zero', '{"a": -0}'],
    ['a leading zero', '{"a": 01}'],
    ['a key with an escape', '{"a\\"b": 1}'],
    ['a duplicate key', '{"a": 1, "a": 2}'],
    ['an escaped solidus', '{"a": "\\/"}'],
    ['a \\u escape JSON.stringify writes otherwise', '{"a": "\\u0041"}'],
    ['\\u000a for a newline', '{"a": "\\u000a"}'],
    ['upper-case hex', '{"a": "\\u001F"}'],
    ['a raw control character', '{"a": "\n"}'],
    ['a surrogate pair', '{"a": "😀"}'],
    ['an unterminated string', '{"a": "x'],
    ['trailing text', '{"a": 1} x'],
    ['a missing colon', '{"a" 1}'],
    ['a trailing comma', '[1, ]'],
    ['nothing', ''],
    ['a bare word', 'nan'],
  ])('declines %s (the caller parses it)', (_what, text) => {
    expect(canonicalFromJsonbText(text)).toBeNull();
  });

  it('declines nesting deeper than 64', () => {
    expect(canonicalFromJsonbText(`${'['.repeat(65)}${']'.repeat(65)}`)).toBeNull();
    expect(canonicalFromJsonbText(`${'['.repeat(64)}${']'.repeat(64)}`)).toBe(`${'['.repeat(64)}${']'.repeat(64)}`);
  });

  it('gives the same as the parsed value for random values', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? pick(['s', 'n', 'l']) : pick(['s', 'n', 'l', 'o', 'a']);
      if (kind === 's') return pick(['', 'x', 'Ab c', 'ü"\\', '\t\u0000', 'Rp 1.000,00']);
      if (kind === 'n') return pick([0, 7, -42, 2023, 999999999999999]);
      if (kind === 'l') return pick([null, true, false]);
      if (kind === 'a') return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 6); i > 0; i--)
        object[pick(['a', 'b', 'ab', 'B', 'ä', 'aa', 'z9', 'Z', 'id', 'kode'])] = value(depth + 1);
      return object;
    };
    for (let i = 0; i < 500; i++) expectCanonical(value(0));
  });
});

describe('eventHashOfJsonbText', () => {
  const event: RecordedEvent = {
    position: 12,
    id: '0d9c8a52-4f7b-4c1e-9a3d-000000000012',
    streamId: 'line-2022-DKUKM-2.17.07.1.01.0001',
    version: 3,
    type: 'pagu.changed',
    schemaVersion: 1,
    data: { phase: 'APBD', amount: '653027791.00', outputs: [{ n: 1 }] },
    metadata: { actor: 'Siti (BPKAD)', correlationId: 'c', reason: 'ü "quoted"\n', causationId: null },
    recordedAt: '2022-01-03T01:15:02.000012Z',
  };
  const previous = eventHash({ ...event, position: 11 }, GENESIS_HASH);

  it('is eventHash of the parsed event', () => {
    expect(eventHashOfJsonbText(event, jsonbText(event.data), jsonbText(event.metadata), previous)).toEqual(eventHash(event, previous));
  });

  it('is null when a text is outside its forms, or the event is not well formed', () => {
    expect(eventHashOfJsonbText(event, '{"a": 1.5}', jsonbText(event.metadata), previous)).toBeNull();
    expect(eventHashOfJsonbText(event, jsonbText(event.data), '{"a": "😀"}', previous)).toBeNull();
    expect(eventHashOfJsonbText({ ...event, version: 1.5 }, jsonbText(event.data), jsonbText(event.metadata), previous)).toBeNull();
  });
});
