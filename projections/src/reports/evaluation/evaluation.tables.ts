import { type ReportDocument, type ReportTable, type TableColumn, type TableRow } from '../render/report-table';
import { officeYearHeading } from '../shared/indonesian-text';
import { notesTable } from './evaluation-notes.tables';
import type { EvaluationReport, EvaluationRow, EvaluationSummary, KRp } from './evaluation.report';
import { predikatText, standingLabel } from './standing';

type GroupKey = keyof EvaluationRow | `tw${1 | 2 | 3 | 4}`;

/**
 * The column groups of the form, each as K and Rp, with their numbers as in Tabel 2.1 of the Renja
 * document: (1) No … (4) Indikator, then (5)–(15); (16) is the Perangkat Daerah Penanggung Jawab.
 * Headings are short so that no word has to break in a landscape column.
 */
function groups(year: number): Array<{ key: GroupKey; number: number; header: string }> {
  return [
    { key: 'renstraTarget', number: 5, header: 'Target Renstra akhir periode' },
    { key: 'renstraRealisedToLastYear', number: 6, header: `Realisasi Renstra s.d. ${year - 1}` },
    { key: 'target', number: 7, header: `Target Renja ${year}` },
    { key: 'tw1', number: 8, header: 'Realisasi TW I' },
    { key: 'tw2', number: 9, header: 'Realisasi TW II' },
    { key: 'tw3', number: 10, header: 'Realisasi TW III' },
    { key: 'tw4', number: 11, header: 'Realisasi TW IV' },
    { key: 'realisationTotal', number: 12, header: `Realisasi Renja ${year} (8+9+10+11)` },
    { key: 'capaian', number: 13, header: `Capaian Renja ${year} (%) (12÷7)` },
    { key: 'renstraCumulative', number: 14, header: `Realisasi Renstra s.d. ${year} (6+12)` },
    { key: 'renstraCapaian', number: 15, header: 'Capaian Renstra (%) (14÷5)' },
  ];
}

const isPercent = (key: string) => key === 'capaian' || key === 'renstraCapaian';
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Mode = 'xlsx' | 'pdf' | 'machine';

/**
 * xlsx: every column, a Satuan column of its own; pdf: as Tabel 2.1 prints it, without the quarters'
 * columns (8)–(11) (their sum is (12)), the unit in the indicator's cell, the office's code as the one
 * responsible (its name heads the page), widths that fit landscape A4 / F4; machine (CSV): machine keys,
 * level and direction, no column numbers. Headers are Indonesian in every mode (the Indonesian CSV prints
 * them); the machine CSV prints the keys.
 */
function formColumns(year: number, mode: Mode): TableColumn[] {
  const pdf = mode === 'pdf';
  const lead: TableColumn[] = [
    ...(mode === 'machine' ? [] : [{ key: 'no', header: 'No', kind: 'text' as const, width: pdf ? 2 : 6 }]),
    { key: 'code', header: 'Kode', kind: 'text', width: pdf ? 4 : 16 },
    ...(mode === 'machine' ? [{ key: 'level', header: 'Tingkat', kind: 'text' as const }] : []),
    { key: 'name', header: 'Program / Kegiatan / Sub Kegiatan', kind: 'text', width: pdf ? 14 : 36 },
    {
      key: 'indicator',
      header: pdf ? 'Indikator Kinerja (Outcome / Output)' : 'Indikator Kinerja Program (Outcome) / Kegiatan (Output)',
      kind: 'text',
      width: pdf ? 12 : 30,
    },
    ...(pdf ? [] : [{ key: 'unit', header: 'Satuan', kind: 'text' as const, width: 9 }]),
    ...(mode === 'machine' ? [{ key: 'direction', header: 'Arah', kind: 'text' as const }] : []),
  ];
  const widths = (key: string): [number, number] => (isPercent(key) ? [8, 8] : pdf ? [6, 13] : [9, 17]);
  const shown = groups(year).filter((g) => !(pdf && g.key.startsWith('tw')));
  const pairs = shown.flatMap(({ key, header }): TableColumn[] => [
    { key: `${snake(key)}_k`, header: 'K', group: header, kind: isPercent(key) ? 'percent' : 'value', width: widths(key)[0] },
    { key: `${snake(key)}_rp`, header: 'Rp', group: header, kind: isPercent(key) ? 'percent' : 'amount', width: widths(key)[1] },
  ]);
  const responsible: TableColumn = { key: 'responsible', header: 'Perangkat Daerah Penanggung Jawab', kind: 'text', width: pdf ? 5 : 12 };
  return [...lead, ...pairs, responsible];
}

/** The row under the headings that numbers the columns, as the document's tables do: (1), (2), … */
function columnNumberRow(columns: TableColumn[], year: number): TableRow {
  const numbers: Record<string, number> = { no: 1, code: 2, name: 3, indicator: 4, unit: 4, responsible: 16 };
  for (const g of groups(year)) numbers[`${snake(g.key)}_k`] = numbers[`${snake(g.key)}_rp`] = g.number;
  const cells = Object.fromEntries(columns.map((c) => [c.key, `(${numbers[c.key]})`]));
  // Every cell is text: "(5)" in an amount column must not be read as a figure.
  return { cells, kinds: Object.fromEntries(columns.map((c) => [c.key, 'text' as const])), heading: true };
}

/** Program 1, its kegiatan 1.1, their sub kegiatan 1.1.1 …, in document order; a line's further indicators repeat its number. */
function numbering(rows: EvaluationRow[]): string[] {
  const counters = [0, 0, 0];
  const depth: Record<string, number> = { program: 0, kegiatan: 1, sub_kegiatan: 2 };
  let last: string | null = null;
  const labels: string[] = [];
  for (const row of rows) {
    if (row.code !== last) {
      const d = depth[row.level] ?? 2;
      counters[d] += 1;
      for (let i = d + 1; i < counters.length; i++) counters[i] = 0;
      last = row.code;
    }
    labels.push(counters.slice(0, (depth[row.level] ?? 2) + 1).join('.'));
  }
  return labels;
}

function formCells(r: EvaluationReport, row: EvaluationRow, mode: Mode): Record<string, string | null> {
  const figure = (key: string): KRp =>
    key.startsWith('tw') ? row.realisation[Number(key[2]) - 1] : (row[key as keyof EvaluationRow] as KRp);
  const lowerIsBetter = row.indicator?.direction === 'lower_is_better';
  let indicator = row.indicator?.name ?? null;
  if (indicator !== null && mode !== 'machine') {
    if (mode === 'pdf') indicator = `${indicator} (${row.indicator!.unit})`;
    if (lowerIsBetter) indicator = `${indicator}; semakin rendah semakin baik`;
  }
  const cells: Record<string, string | null> = {
    code: row.code,
    level: row.level,
    name: row.name,
    indicator,
    unit: row.indicator?.unit ?? null,
    direction: row.indicator?.direction ?? null,
    // On paper (PDF and a printed XLSX) the office's code: its name heads the page, and repeated on every row it
    // would make each row several lines high. The CSV carries the name.
    responsible: mode === 'machine' ? r.office.name : r.office.code,
  };
  for (const { key } of groups(r.year)) {
    cells[`${snake(key)}_k`] = figure(key).k;
    cells[`${snake(key)}_rp`] = figure(key).rp;
  }
  return cells;
}

function formTable(r: EvaluationReport, mode: 'xlsx' | 'pdf'): ReportTable {
  const columns = formColumns(r.year, mode);
  const numbers = numbering(r.rows);
  return {
    sheet: 'Evaluasi Renja',
    title: `Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra Perangkat Daerah s.d. Tahun ${r.year}`,
    columns,
    rows: [
      columnNumberRow(columns, r.year),
      ...r.rows.map((row, i): TableRow => ({ cells: { ...formCells(r, row, mode), no: numbers[i] } })),
    ],
  };
}

function summaryTable(r: EvaluationReport): ReportTable {
  const cells = (s: EvaluationSummary) => ({
    code: s.code ?? r.office.code,
    name: s.name,
    average_k: s.averageCapaianK,
    indicators: String(s.indicatorsCounted),
    predikat_k: predikatText(s.predikatK, r.standing),
    capaian_rp: s.capaianRp,
    predikat_rp: predikatText(s.predikatRp, r.standing),
  });
  return {
    sheet: 'Program',
    title: `Rata-rata capaian dan predikat per program${r.standing.final ? '' : ` (sementara, ${standingLabel(r.standing)})`}`,
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 12 },
      { key: 'name', header: 'Program', kind: 'text', width: 40 },
      { key: 'average_k', header: 'Rata-rata Capaian Kinerja (%)', kind: 'percent', width: 12 },
      { key: 'indicators', header: 'Jumlah Indikator Dinilai', kind: 'integer', width: 10 },
      { key: 'predikat_k', header: 'Predikat Kinerja', kind: 'text', width: 18 },
      { key: 'capaian_rp', header: 'Capaian Anggaran (%)', kind: 'percent', width: 12 },
      { key: 'predikat_rp', header: 'Predikat Anggaran', kind: 'text', width: 18 },
    ],
    rows: [
      ...r.programs.map((s) => ({ cells: cells(s) })),
      { total: true, cells: { ...cells(r.officeSummary), name: `Total ${r.officeSummary.name}` } },
    ],
  };
}

function subtitle(r: EvaluationReport): string[] {
  const lines = officeYearHeading(r);
  if (!r.standing.final) {
    lines.push(`Predikat sementara: angka s.d. ${standingLabel(r.standing)}; predikat final setelah tahun anggaran ${r.year} berakhir.`);
  }
  if (r.missing.some((m) => m.column === 'renstraTarget')) {
    lines.push('Kolom Renstra kosong (—): target dan realisasi Renstra belum dicatat untuk perangkat daerah dan tahun ini.');
  }
  return lines;
}

export function evaluationDocument(r: EvaluationReport): ReportDocument {
  const summary = summaryTable(r);
  const notes = notesTable(r);
  return {
    fileStem: `evaluation-${r.office.code}-${r.year}`,
    title: `Evaluasi Renja ${r.office.code} Tahun ${r.year}`,
    subtitle: subtitle(r),
    tables: [formTable(r, 'xlsx'), summary, notes],
    csv: {
      sheet: 'evaluation',
      title: 'evaluation',
      columns: formColumns(r.year, 'machine'),
      rows: r.rows.map((row) => ({ cells: formCells(r, row, 'machine') })),
    },
    pdf: [formTable(r, 'pdf'), summary, notes],
  };
}
