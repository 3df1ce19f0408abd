import ExcelJS from 'exceljs';
import type { Test } from 'supertest';

/** Every sheet of a workbook as its cell values, row by row: what a reader sees, without the zip's timestamps. */
export async function workbookValues(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: Record<string, unknown[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push(Array.isArray(row.values) ? row.values.slice(1) : []));
    sheets[sheet.name] = rows;
  });
  return sheets;
}

/** A workbook's values with the printed time of its provenance line ("dicetak 06-12-2026 15:27 WIB") blanked. */
export function withoutPrintTime(sheets: Record<string, unknown[][]>): Record<string, unknown[][]> {
  const blank = (value: unknown): unknown =>
    typeof value === 'string' ? value.replace(/dicetak \d{2}-\d{2}-\d{4} \d{2}:\d{2} WIB/g, 'dicetak … WIB') : value;
  return Object.fromEntries(Object.entries(sheets).map(([name, rows]) => [name, rows.map((row) => row.map(blank))]));
}

/** A supertest request's body as bytes (a binary file: superagent would not buffer it otherwise). */
export async function bytesOf(request: Test): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await request.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, type: String(res.headers['content-type']), body: res.body as Buffer };
}
