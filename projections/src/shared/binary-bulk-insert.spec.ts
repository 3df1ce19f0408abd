import type { EntityManager } from 'typeorm';
import { BinaryBulkInsert, isoDateDays, scalarText } from './binary-bulk-insert';
import { copyValue } from './bulk-insert';

/** A manager whose table has the given columns (name and format_type) and whose connection keeps what each COPY sends. */
function fake(columns: Array<{ name: string; type: string }>) {
  const statements: Array<{ sql: string; data: Buffer }> = [];
  const client = {
    query(copy: { text: string; chunks: Buffer[]; callback?: (e: Error | null, n: number) => void }) {
      statements.push({ sql: copy.text, data: Buffer.concat(copy.chunks) });
      setImmediate(() => copy.callback?.(null, 0));
    },
  };
  const manager = { query: async () => columns, queryRunner: { connect: async () => client } } as unknown as EntityManager;
  return { manager, statements };
}

/** The rows of one binary COPY stream: each field's bytes, or null. */
function decode(data: Buffer): Array<Array<Buffer | null>> {
  expect(data.subarray(0, 11)).toEqual(Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'));
  expect([data.readInt32BE(11), data.readInt32BE(15)]).toEqual([0, 0]);
  const rows: Array<Array<Buffer | null>> = [];
  let at = 19;
  for (;;) {
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    const row: Array<Buffer | null> = [];
    for (let i = 0; i < fields; i++) {
      const length = data.readInt32BE(at);
      at += 4;
      row.push(length < 0 ? null : data.subarray(at, at + length));
      at += Math.max(length, 0);
    }
    rows.push(row);
  }
  expect(at).toBe(data.length);
  return rows;
}

describe('BinaryBulkInsert: rows sent as binary COPY', () => {
  it('frames every row once, in order, one statement per flushAt rows', async () => {
    const { manager, statements } = fake([
      { name: 'id', type: 'bigint' },
      { name: 'note', type: 'text' },
      { name: 'doc', type: 'jsonb' },
    ]);
    const insert = new BinaryBulkInsert(manager, 'rm_x', 700);
    for (let i = 0; i < 2500; i++) {
      const sent = insert.add({
        id: i,
        note: i % 7 === 0 ? `catatan ☃ ${'x'.repeat(1000)}\t${i}` : `n${i}`,
        doc: i % 3 === 0 ? null : { i },
      });
      if (sent) await sent;
    }
    await insert.finish();
    expect(statements.map((s) => s.sql)).toEqual(Array(4).fill('COPY rm_x ("id", "note", "doc") FROM STDIN (FORMAT binary)'));
    const rows = statements.flatMap((s) => decode(s.data));
    expect(rows).toHaveLength(2500);
    rows.forEach(([id, note, doc], i) => {
      expect(id!.readBigInt64BE(0)).toBe(BigInt(i));
      expect(note!.toString('utf8')).toBe(i % 7 === 0 ? `catatan ☃ ${'x'.repeat(1000)}\t${i}` : `n${i}`);
      expect(doc === null ? null : [doc[0], doc.subarray(1).toString()]).toEqual(i % 3 === 0 ? null : [1, JSON.stringify({ i })]);
    });
  });

  it('writes the text a text COPY field holds, unescaped', () => {
    for (const value of ['a\tb\\c', 42, -0, 1e21, true, 10n, new Date('2023-01-02T03:04:05.000Z'), { toJSON: () => ({ a: 1 }) }])
      expect(scalarText(value)).toBe(copyValue(value, false).replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c));
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY].map(scalarText)).toEqual([null, null, null, null]);
  });

  it('refuses a value PostgreSQL would not read, naming the column', async () => {
    const columns = [
      { name: 'i', type: 'integer' },
      { name: 'b', type: 'bigint' },
      { name: 'u', type: 'uuid' },
      { name: 'd', type: 'date' },
      { name: 'm', type: 'numeric' },
    ];
    const bad: Array<Record<string, unknown>> = [
      { i: 2 ** 31 },
      { i: 1.5 },
      { b: '12a' },
      { b: '9223372036854775808' },
      { u: '123e4567-e89b-12d3-a456-42661417400' },
      { u: '123e4567-e89b-12d3-a456-4266141740000' },
      { u: '-123e4567e89b12d3a456426614174000' },
      { u: '{123e4567-e89b-12d3-a456-426614174000' },
      { d: '2023-02-29' },
      { d: '2023-1-05' },
      { d: '0000-01-01' },
      { m: '1e5' },
      { m: 'NaN' },
      { m: ' 1' },
      { m: '.' },
      { m: '-' },
    ];
    for (const row of bad) {
      const insert = new BinaryBulkInsert(fake(columns).manager, 'rm_x');
      await expect(insert.add(row)).rejects.toThrow(`rm_x: ${Object.keys(row)[0]} cannot take`);
    }
  });

  it('refuses a table with a column type it cannot write', async () => {
    const insert = new BinaryBulkInsert(fake([{ name: 'at', type: 'timestamp with time zone' }]).manager, 'rm_x');
    await expect(insert.add({ at: '2023-01-01' })).rejects.toThrow('rm_x.at is timestamp with time zone');
  });

  it('sends nothing when no row was added', async () => {
    const { manager, statements } = fake([{ name: 'id', type: 'integer' }]);
    await new BinaryBulkInsert(manager, 'rm_x').finish();
    expect(statements).toEqual([]);
  });
});

/** The day number as BinaryBulkInsert computed it before isoDateDays, through a Date (null where it refused). */
function daysThroughDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(date.getTime() / 86_400_000) - 10957;
}

describe('isoDateDays: a date as days since 2000-01-01', () => {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  it('equals the Date-based day number for every day of years 1–3 and 1895–2105, and none of the non-days', () => {
    let checked = 0;
    const differ: string[] = [];
    for (const [from, to] of [
      [1, 3],
      [1895, 2105],
    ])
      for (let year = from; year <= to; year++)
        for (let month = 0; month <= 13; month++)
          for (let day = 0; day <= 32; day++) {
            const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
            if (isoDateDays(text) !== daysThroughDate(text)) differ.push(text);
            checked++;
          }
    expect(differ).toEqual([]);
    expect(checked).toBe(214 * 14 * 33);
    expect(isoDateDays('2000-01-01')).toBe(0);
    expect(isoDateDays('2024-02-29')).toBe(8825);
  });

  it('equals it for thousands of generated dates across years 0–9999', () => {
    let seed = 15;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const differ: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const text = `${pad(Math.floor(random() * 10000), 4)}-${pad(Math.floor(random() * 14), 2)}-${pad(Math.floor(random() * 33), 2)}`;
      if (isoDateDays(text) !== daysThroughDate(text)) differ.push(text);
    }
    expect(differ).toEqual([]);
    for (const text of ['9999-12-31', '0001-01-01', '0000-01-01', '1900-02-29', '2000-02-29', '2100-02-29', '2400-02-29'])
      expect([text, isoDateDays(text)]).toEqual([text, daysThroughDate(text)]);
  });

  it('refuses text that is not YYYY-MM-DD', () => {
    for (const text of ['2023-1-01', '2023-01-01 ', ' 2023-01-01', '20230101', '2023/01/01', '+2023-01-01', '२०२३-०१-०१', ''])
      expect([text, isoDateDays(text)]).toEqual([text, null]);
  });
});
