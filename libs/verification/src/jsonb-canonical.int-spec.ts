import { Client } from 'pg';
import { canonicalJson } from '@renja/event-store/integrity/canonical-json';
import { testServerUrl } from '@renja/infrastructure/testing/test-database';
import { canonicalFromJsonbText } from './jsonb-canonical';

/** canonicalFromJsonbText over what PostgreSQL's jsonb_out really writes: the canonical JSON of the parsed value, or null. */
describe('canonicalFromJsonbText on PostgreSQL jsonb text', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connectionString: testServerUrl() });
    await client.connect();
  });
  afterAll(() => client.end());

  const texts = [
    '{"phase": "APBD", "amount": "653027791.00", "outputs": [{"n": 1, "ok": true}, {"n": 2, "ok": false}], "reason": null}',
    '{"bb": 1, "a": 2, "ccc": 3, "aa": 4, "b": 5, "a!": 6, "a ": 7, "!": 8, "B": 9}',
    '{"é": "ü", "z": "Ω", "ä": ["ß"], "ß": {"ü": {}}}',
    '{"s": "q\\"b\\\\s\\b\\f\\n\\r\\t\\u0001\\u001f/\\u007f\\u2028"}',
    '{"a": {}, "b": [], "c": [[[{"d": []}]]]}',
    '{"a": 0, "b": -1, "c": 123456789012345, "d": [1, -20, 300], "e": 1.50, "f": 1e3, "g": -0, "h": 12345678901234567890}',
    '{"a": "\\u0041\\/", "b": "😀", "k\\"ey": 1, "dup": 1, "dup": 2}',
    '"text"',
    '[1, "two", null, true, false]',
  ];

  it.each(texts)('%s', async (literal) => {
    const { rows } = await client.query<{ text: string }>('SELECT $1::jsonb::text AS text', [literal]);
    const stored = rows[0].text;
    const fast = canonicalFromJsonbText(stored);
    if (fast !== null) expect(fast).toBe(canonicalJson(JSON.parse(stored)));
    // What the fast path may take it takes: no fraction, exponent, long integer, escape of a key or surrogate.
    if (!/[.e]\d|\d{16}|😀|\\"ey|\\\//.test(stored)) expect(fast).not.toBeNull();
  });
});
