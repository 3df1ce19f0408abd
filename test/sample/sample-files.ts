import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';

/**
 * Reads the built-in sample with csv-parse and decimal.js only (the importer lives on another branch),
 * and folds it the way the ledger does, so the transcription can be checked against the document.
 */
export const SAMPLE_DIR = join(__dirname, '..', '..', 'data', 'samples', 'dkukm-babel');

export type Row = Record<string, string> & { file: string; row: number };
export type Table = 'perangkat_daerah' | 'rencana' | 'pagu' | 'realisasi' | 'total';

/** Required header columns per table, as the import format (v1) names them. */
export const REQUIRED_COLUMNS: Record<Table, string[]> = {
  perangkat_daerah: ['Kode Perangkat Daerah', 'Nama Perangkat Daerah'],
  rencana: ['Tahun', 'Perangkat Daerah', 'Kode', 'Program/Kegiatan/Sub Kegiatan'],
  pagu: [
    'Tahun',
    'Perangkat Daerah',
    'Kode',
    'Tahapan',
    'Sumber Dana',
    'Tanggal Berlaku',
    'Alasan',
    'Jenis Dasar Hukum',
    'Nomor Dasar Hukum',
    'Tanggal Dasar Hukum',
  ],
  realisasi: ['Tahun', 'Perangkat Daerah', 'Kode', 'Periode'],
  total: ['Tahun', 'Perangkat Daerah', 'Kode', 'Uraian', 'Besaran', 'Nilai', 'Sumber'],
};

export interface SampleFile {
  name: string;
  table: Table;
  header: string[];
  rows: Row[];
}

const tableOf = (file: string): Table => {
  const prefix = file
    .replace(/\.csv$/, '')
    .replace(/-\d{4}$/, '')
    .replace(/-/g, '_');
  if (!(prefix in REQUIRED_COLUMNS)) throw new Error(`${file}: no table named by its prefix`);
  return prefix as Table;
};

export function readSample(dir = SAMPLE_DIR): SampleFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((name) => {
      const records: string[][] = parse(readFileSync(join(dir, name), 'utf8'), { bom: true, skip_empty_lines: true });
      const [header, ...body] = records;
      const rows = body.map(
        (cells, i) => ({ ...Object.fromEntries(header.map((h, c) => [h, cells[c] ?? ''])), file: name, row: i + 2 }) as Row,
      );
      return { name, table: tableOf(name), header, rows };
    });
}

export const rowsOf = (files: SampleFile[], table: Table): Row[] => files.filter((f) => f.table === table).flatMap((f) => f.rows);

const CHAIN = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P'];
const lineKey = (r: Row) => `${r.Tahun}|${r['Perangkat Daerah']}|${r.Kode}`;
const sumOf = (values: Iterable<Decimal>) => [...values].reduce((a, b) => a.plus(b), new Decimal(0));

/** Pagu per phase of one line, each chain phase starting from the previous one (as the ledger folds it). */
export interface LineMoney {
  year: string;
  office: string;
  code: string;
  phases: Map<string, Map<string, Decimal>>;
  realised: Decimal;
}

export function foldLines(files: SampleFile[]): LineMoney[] {
  const lines = new Map<string, LineMoney>();
  const line = (r: Row) => {
    const key = lineKey(r);
    if (!lines.has(key))
      lines.set(key, { year: r.Tahun, office: r['Perangkat Daerah'], code: r.Kode, phases: new Map(), realised: new Decimal(0) });
    return lines.get(key)!;
  };
  const paguRows = rowsOf(files, 'pagu');
  for (const r of rowsOf(files, 'rencana')) line(r);
  for (const l of lines.values()) {
    const mine = paguRows.filter((r) => lineKey(r) === `${l.year}|${l.office}|${l.code}`);
    let previous: Map<string, Decimal> | null = null;
    for (const phase of CHAIN) {
      const entries = mine.filter((r) => r.Tahapan === phase).sort((a, b) => a['Tanggal Berlaku'].localeCompare(b['Tanggal Berlaku']));
      if (entries.length === 0) continue;
      const amounts: Map<string, Decimal> = new Map(previous ?? []);
      for (const e of entries) {
        const before = amounts.get(e['Sumber Dana']) ?? new Decimal(0);
        amounts.set(e['Sumber Dana'], e.Pagu ? new Decimal(e.Pagu) : before.plus(e.Perubahan));
      }
      l.phases.set(phase, amounts);
      previous = amounts;
    }
    const forward = mine.filter((r) => r.Tahapan === 'PRAKIRAAN_MAJU');
    if (forward.length) l.phases.set('PRAKIRAAN_MAJU', new Map(forward.map((r) => [r['Sumber Dana'], new Decimal(r.Pagu)])));
  }
  for (const r of rowsOf(files, 'realisasi')) line(r).realised = line(r).realised.plus(r.Realisasi || 0);
  return [...lines.values()];
}

export const phaseTotal = (l: LineMoney, phase: string): Decimal => sumOf(l.phases.get(phase)?.values() ?? []);
export const currentPagu = (l: LineMoney): Decimal => {
  const current = CHAIN.filter((p) => l.phases.has(p)).at(-1);
  return current ? phaseTotal(l, current) : new Decimal(0);
};

/** The lines of one year and office under a code ('' = the whole office). */
export const under = (lines: LineMoney[], year: number, office: string, code: string) =>
  lines.filter((l) => l.year === String(year) && l.office === office && (code === '' || l.code === code || l.code.startsWith(`${code}.`)));

export const pagu = (lines: LineMoney[], phase: string) => sumOf(lines.map((l) => phaseTotal(l, phase)));
export const realised = (lines: LineMoney[]) => sumOf(lines.map((l) => l.realised));
/** Serapan = realisation ÷ current pagu × 100, two decimals, half up. */
export const absorption = (lines: LineMoney[]) =>
  realised(lines)
    .div(sumOf(lines.map(currentPagu)))
    .times(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** What the consistency report computes for one stated figure (`total` row). */
export function computedFigure(lines: LineMoney[], t: Row): Decimal {
  const scope = under(lines, Number(t.Tahun), t['Perangkat Daerah'], t.Kode);
  if (t.Besaran === 'PAGU') return pagu(scope, t.Tahapan);
  if (t.Besaran === 'REALISASI') return realised(scope);
  if (t.Besaran === 'SERAPAN') return absorption(scope);
  throw new Error(`${t.file} row ${t.row}: Besaran ${t.Besaran} not computed here`);
}
