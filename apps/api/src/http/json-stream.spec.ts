import { jsonChunks, streamedJson, type KeptTexts } from './json-stream';

const utf8 = (chunk: string | Buffer) => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
const text = (value: unknown, depth: number, kept?: KeptTexts) =>
  Buffer.concat([...jsonChunks(value, depth, kept)].map(utf8)).toString('utf8');

describe('jsonChunks', () => {
  const report = {
    report: 'province-reconciliation',
    year: 2023,
    asOf: {},
    offices: [
      {
        office: { code: 'DINKES', name: 'Dinas Kesehatan – Provinsi' },
        lines: [
          { code: '2.17', parentCode: null, delta: '1000.25', events: [{ reason: 'Pergeseran "DAU"\n' }], explained: true },
          { code: '2.17.07', parentCode: '2.17', deltaPercent: null, bySource: { DAU: '1.00', 'D\u2028ID': '-2.50' } },
        ],
        totals: [],
        empty: {},
      },
      { office: { code: 'DKUKM', name: 'Dinas 🚀 UKM' }, lines: [] },
    ],
  };

  it.each([0, 1, 2, 3, 4, 5, 8])('writes the very text JSON.stringify writes (depth %i)', (depth) => {
    expect(text(report, depth)).toBe(JSON.stringify(report));
    const kept: KeptTexts = new WeakMap();
    expect(text(report, depth, kept)).toBe(JSON.stringify(report));
    expect(text(report, depth, kept)).toBe(JSON.stringify(report));
  });

  it('keeps the text of each value at the last level written whole, by identity: long ones as UTF-8 bytes, sent as they are', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => ({ code: `2.17.${i}`, name: `Baris – ${i}` }));
    const answer = { offices: [{ lines, asOf: {} }] };
    const kept: KeptTexts = new WeakMap();
    const first = [...jsonChunks(answer, 4, kept)];
    expect(Buffer.isBuffer(kept.get(lines))).toBe(true);
    expect(kept.get(answer.offices[0].asOf)).toBe('{}');
    expect(first).toContain(kept.get(lines));
    const again = [...jsonChunks({ offices: [{ lines, asOf: { validAt: '2023-10-31' } }] }, 4, kept)];
    expect(again).toContain(kept.get(lines));
    expect(Buffer.concat(again.map(utf8)).toString('utf8')).toBe(JSON.stringify({ offices: [{ lines, asOf: { validAt: '2023-10-31' } }] }));
    // Another array, even of the same content, is written on its own.
    const copy = lines.map((l) => ({ ...l, name: `${l.name}!` }));
    expect(text({ offices: [{ lines: copy }] }, 4, kept)).toBe(JSON.stringify({ offices: [{ lines: copy }] }));
  });

  it('leaves out of objects and writes null in arrays what JSON.stringify does (undefined, functions, symbols, holes)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const odd = { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, Symbol('t'), , 1], e: null, f: NaN, g: -0, h: 'x' };
    for (const depth of [1, 2, 3]) expect([depth, text(odd, depth)]).toEqual([depth, JSON.stringify(odd)]);
    expect(text({ a: undefined }, 2)).toBe('{}');
    expect(text({ a: undefined, b: 1 }, 2)).toBe('{"b":1}');
    expect(text({ a: 1, b: undefined }, 2)).toBe('{"a":1}');
  });

  it('writes a value with toJSON as JSON.stringify does (a date, an object whose toJSON leaves it out)', () => {
    const value = { when: new Date(Date.UTC(2023, 9, 31)), gone: { toJSON: () => undefined }, list: [{ toJSON: () => 'x' }] };
    for (const depth of [1, 2, 3]) expect(text(value, depth)).toBe(JSON.stringify(value));
  });

  it('writes top-level primitives as JSON.stringify does', () => {
    for (const value of ['a', 1, true, null, [], {}]) expect(text(value, 4)).toBe(JSON.stringify(value));
  });

  it('sends a long answer in chunks of about 64 K characters, none of them the whole text', () => {
    const big = { rows: Array.from({ length: 5000 }, (_, i) => ({ code: `2.17.${i}`, name: `Baris nomor ${i}`.repeat(5) })) };
    const chunks = [...jsonChunks(big, 3)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.slice(0, -1).every((c) => c.length >= 64 * 1024 && c.length < 65 * 1024)).toBe(true);
    expect(chunks.join('')).toBe(JSON.stringify(big));
  });
});

describe('streamedJson', () => {
  it('streams the text as application/json; charset=utf-8', async () => {
    const file = streamedJson({ a: [1, { b: 'é' }] }, 3);
    expect(file.getHeaders().type).toBe('application/json; charset=utf-8');
    const parts: string[] = [];
    for await (const chunk of file.getStream()) parts.push(String(chunk));
    expect(parts.join('')).toBe('{"a":[1,{"b":"é"}]}');
  });
});
