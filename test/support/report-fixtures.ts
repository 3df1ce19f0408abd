import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import type { TestApp } from './test-app';

/** Collects a binary response body (xlsx, pdf) as a Buffer instead of letting supertest parse it. */
export function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

export async function getBinary(t: TestApp, path: string): Promise<{ status: number; type: string; body: Buffer; disposition: string }> {
  const res = await t.http().get(path).buffer(true).parse(binaryParser);
  return {
    status: res.status,
    type: res.headers['content-type'],
    body: res.body as Buffer,
    disposition: res.headers['content-disposition'],
  };
}

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF rows. Returns one object per data row. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  const [header, ...data] = rows;
  return data.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

export async function openWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** The row of a sheet whose first cell is `code`, as header → cell. */
export function sheetRow(sheet: ExcelJS.Worksheet, headerRow: number, code: string): Record<string, ExcelJS.Cell> {
  const headers = (sheet.getRow(headerRow).values as unknown[]).map((v) => String(v ?? ''));
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (String(row.getCell(1).value) === code) return Object.fromEntries(headers.map((h, i) => [h, row.getCell(i)]).slice(1));
  }
  throw new Error(`no row ${code} in sheet ${sheet.name}`);
}

/** Pages of a PDF: each page object carries "/Type /Page" (the page tree says "/Type /Pages"). */
export const pdfPageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
