/**
 * The tables of the import format v1 (docs/import-format.md): names, sheet names and columns. Header
 * matching ignores case and surrounding spaces; optional columns may be absent; unknown columns are errors.
 */
export const TABLE_ORDER = ['perangkat_daerah', 'rencana', 'pagu', 'pergeseran', 'realisasi', 'renstra', 'total', 'koreksi'] as const;
export type TableName = (typeof TABLE_ORDER)[number];

const LEGAL_BASIS = ['Jenis Dasar Hukum', 'Nomor Dasar Hukum', 'Tanggal Dasar Hukum'];

export interface TableSpec {
  name: TableName;
  /** XLSX sheet name. */
  sheet: string;
  required: string[];
  optional: string[];
  /** At least one of these must be in the header (pagu: Pagu or Perubahan). */
  oneOf?: string[];
}

export const TABLES: Record<TableName, TableSpec> = {
  perangkat_daerah: {
    name: 'perangkat_daerah',
    sheet: 'Perangkat Daerah',
    required: ['Kode Perangkat Daerah', 'Nama Perangkat Daerah'],
    optional: [],
  },
  rencana: {
    name: 'rencana',
    sheet: 'Rencana',
    required: ['Tahun', 'Perangkat Daerah', 'Kode', 'Program/Kegiatan/Sub Kegiatan'],
    optional: ['Indikator', 'Satuan', 'Arah', 'Target', 'Tanggal Berlaku', 'Alasan', ...LEGAL_BASIS],
  },
  pagu: {
    name: 'pagu',
    sheet: 'Pagu',
    required: ['Tahun', 'Perangkat Daerah', 'Kode', 'Tahapan', 'Sumber Dana', 'Tanggal Berlaku'],
    optional: ['Pagu', 'Perubahan', 'Alasan', ...LEGAL_BASIS],
    oneOf: ['Pagu', 'Perubahan'],
  },
  pergeseran: {
    name: 'pergeseran',
    sheet: 'Pergeseran',
    required: ['Tahun', 'Perangkat Daerah', 'Dari Kode', 'Ke Kode', 'Sumber Dana', 'Jumlah', 'Tanggal Berlaku', 'Alasan', ...LEGAL_BASIS],
    optional: [],
  },
  realisasi: {
    name: 'realisasi',
    sheet: 'Realisasi',
    required: ['Tahun', 'Perangkat Daerah', 'Kode', 'Periode'],
    optional: ['Realisasi', 'Indikator', 'Realisasi Kinerja', 'Tanggal Berlaku', 'Alasan'],
  },
  renstra: {
    name: 'renstra',
    sheet: 'Renstra',
    required: ['Tahun', 'Perangkat Daerah', 'Kode'],
    optional: [
      'Indikator',
      'Target Renstra K',
      'Target Renstra Rp',
      'Realisasi Renstra s.d. Tahun Lalu K',
      'Realisasi Renstra s.d. Tahun Lalu Rp',
      'Tanggal Berlaku',
      'Alasan',
      ...LEGAL_BASIS,
    ],
  },
  total: {
    name: 'total',
    sheet: 'Total',
    required: ['Tahun', 'Perangkat Daerah', 'Kode', 'Uraian', 'Besaran', 'Nilai', 'Sumber'],
    optional: ['Tahapan', 'Periode', 'Indikator', 'Keterangan'],
  },
  koreksi: {
    name: 'koreksi',
    sheet: 'Koreksi',
    // Jenis tells a correction table from the others by its header; with an ID Peristiwa its cell may be empty.
    required: ['Jenis', 'Alasan'],
    optional: [
      'ID Peristiwa',
      'Tahun',
      'Perangkat Daerah',
      'Kode',
      'Periode',
      'Tahapan',
      'Sumber Dana',
      'Indikator',
      'Batalkan',
      'Realisasi',
      'Pagu',
      'Perubahan',
      'Target',
      'Jumlah',
      'Realisasi Kinerja',
      'Tanggal Berlaku',
      'Periode Baru',
      'Tahapan Baru',
      'Sumber Dana Baru',
      ...LEGAL_BASIS,
    ],
  },
};

export const columnKey = (header: string): string => header.trim().replace(/\s+/g, ' ').toLowerCase();

const allColumns = (spec: TableSpec) => [...spec.required, ...spec.optional];

/** The table a sheet name or a file name prefix names ("pagu-2022.csv", "Perangkat Daerah"), if any. */
export function tableNamed(name: string): TableName | null {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  for (const table of TABLE_ORDER) {
    if (key === table || key.startsWith(`${table}_`) || key.startsWith(`${table}.`)) return table;
  }
  return null;
}

/**
 * Tables whose required columns are all in the header (CSV recognition by header). When several fit (a
 * koreksi header also holds realisasi's required columns), the one that knows every column wins.
 */
export function tablesMatching(headers: string[]): TableName[] {
  const keys = new Set(headers.map(columnKey).filter((k) => k !== ''));
  const matching = TABLE_ORDER.filter((t) => TABLES[t].required.every((c) => keys.has(columnKey(c))));
  if (matching.length < 2) return matching;
  const exact = matching.filter((t) => [...keys].every((k) => allColumns(TABLES[t]).some((c) => columnKey(c) === k)));
  return exact.length === 1 ? exact : matching;
}

export interface HeaderCheck {
  /** Canonical column name per position; null for an empty header cell (its column must stay empty). */
  columns: Array<string | null>;
  problems: Array<{ column: string | null; value: string | null; rule: string; message: string }>;
}

/** Maps a header row to the table's canonical column names and lists missing, unknown and repeated columns. */
export function checkHeader(spec: TableSpec, headers: string[]): HeaderCheck {
  const canonical = new Map(allColumns(spec).map((c) => [columnKey(c), c]));
  const problems: HeaderCheck['problems'] = [];
  const seen = new Set<string>();
  const columns = headers.map((h) => {
    if (h.trim() === '') return null;
    const column = canonical.get(columnKey(h));
    if (!column) {
      problems.push({
        column: h.trim(),
        value: h,
        rule: 'COLUMN_UNKNOWN',
        message: `column "${h.trim()}" is not a column of table ${spec.name}; its columns are: ${allColumns(spec).join(', ')}`,
      });
      return null;
    }
    if (seen.has(column))
      problems.push({ column, value: h, rule: 'COLUMN_REPEATED', message: `column "${column}" appears more than once` });
    seen.add(column);
    return column;
  });
  for (const column of spec.required) {
    if (!seen.has(column))
      problems.push({ column, value: null, rule: 'COLUMN_MISSING', message: `table ${spec.name} needs the column "${column}"` });
  }
  if (spec.oneOf && !spec.oneOf.some((c) => seen.has(c))) {
    problems.push({
      column: spec.oneOf.join(' / '),
      value: null,
      rule: 'COLUMN_MISSING',
      message: `table ${spec.name} needs one of the columns ${spec.oneOf.map((c) => `"${c}"`).join(' or ')}`,
    });
  }
  return { columns, problems };
}
