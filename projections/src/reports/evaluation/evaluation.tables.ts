import { LEVEL_NAMES, subtitleOf, type ReportDocument, type ReportTable, type TableColumn, type TableRow } from '../render/report-table';
import type { EvaluationReport, EvaluationRow, EvaluationSummary, KRp } from './evaluation.report';
import { PREDIKAT_NAMES } from './predikat';

/** The column groups of the Permendagri 86/2017 form, each as K and Rp. */
function groups(year: number): Array<{ key: keyof EvaluationRow | `tw${1 | 2 | 3 | 4}`; header: string }> {
  return [
    { key: 'renstraTarget', header: 'Target Renstra (akhir periode)' },
    { key: 'renstraRealisedToLastYear', header: `Realisasi Renstra s.d. ${year - 1}` },
    { key: 'target', header: `Target Renja ${year}` },
    { key: 'tw1', header: 'Realisasi TW I' },
    { key: 'tw2', header: 'Realisasi TW II' },
    { key: 'tw3', header: 'Realisasi TW III' },
    { key: 'tw4', header: 'Realisasi TW IV' },
    { key: 'realisationTotal', header: `Realisasi Renja ${year}` },
    { key: 'capaian', header: `Tingkat Capaian ${year} (%)` },
    { key: 'renstraCumulative', header: `Realisasi Renstra s.d. ${year}` },
    { key: 'renstraCapaian', header: `Capaian Renstra s.d. ${year} (%)` },
  ];
}

const isPercent = (key: string) => key === 'capaian' || key === 'renstraCapaian';
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Renstra figures are not in the ledger yet: on paper their columns only need room for "—". */
const RENSTRA = new Set(['renstraTarget', 'renstraRealisedToLastYear', 'renstraCumulative', 'renstraCapaian']);

/** human: XLSX and terminal; pdf: the same without the level column and with widths that fit landscape A4; machine: CSV. */
function formColumns(year: number, mode: 'human' | 'pdf' | 'machine'): TableColumn[] {
  const human = mode !== 'machine';
  const lead: TableColumn[] = [
    { key: 'code', header: human ? 'Kode' : 'code', kind: 'text', width: mode === 'pdf' ? 16 : 12 },
    ...(mode === 'pdf' ? [] : [{ key: 'level', header: human ? 'Tingkat' : 'level', kind: 'text' as const, width: 7 }]),
    { key: 'name', header: human ? 'Program / Kegiatan / Sub Kegiatan' : 'name', kind: 'text', width: mode === 'pdf' ? 26 : 30 },
    { key: 'indicator', header: human ? 'Indikator Kinerja' : 'indicator', kind: 'text', width: 20 },
    { key: 'unit', header: human ? 'Satuan' : 'unit', kind: 'text', width: 7 },
    ...(human ? [] : [{ key: 'direction', header: 'direction', kind: 'text' as const }]),
  ];
  const widths = (key: string): [number, number] => {
    if (mode !== 'pdf') return isPercent(key) ? [8, 8] : [8, 15];
    if (RENSTRA.has(key)) return [3, 4];
    return isPercent(key) ? [7, 7] : [5, 14];
  };
  const pairs = groups(year).flatMap(({ key, header }): TableColumn[] => [
    {
      key: `${snake(key)}_k`,
      header: human ? 'K' : `${snake(key)}_k`,
      group: human ? header : undefined,
      kind: isPercent(key) ? 'percent' : 'value',
      width: widths(key)[0],
    },
    {
      key: `${snake(key)}_rp`,
      header: human ? 'Rp' : `${snake(key)}_rp`,
      group: human ? header : undefined,
      kind: isPercent(key) ? 'percent' : 'amount',
      width: widths(key)[1],
    },
  ]);
  return [...lead, ...pairs];
}

function formCells(row: EvaluationRow, human: boolean): Record<string, string | null> {
  const figure = (key: string): KRp =>
    key.startsWith('tw') ? row.realisation[Number(key[2]) - 1] : (row[key as keyof EvaluationRow] as KRp);
  const cells: Record<string, string | null> = {
    code: row.code,
    level: human ? LEVEL_NAMES[row.level] : row.level,
    name: row.name,
    indicator: row.indicator?.name ?? null,
    unit: row.indicator?.unit ?? null,
    direction: row.indicator?.direction ?? null,
  };
  if (human && row.indicator?.direction === 'lower_is_better') cells.indicator = `${row.indicator.name} (semakin rendah semakin baik)`;
  for (const { key } of groups(0)) {
    cells[`${snake(key)}_k`] = figure(key).k;
    cells[`${snake(key)}_rp`] = figure(key).rp;
  }
  return cells;
}

function summaryTable(r: EvaluationReport): ReportTable {
  const cells = (s: EvaluationSummary) => ({
    code: s.code ?? r.office.code,
    name: s.name,
    average_k: s.averageCapaianK,
    indicators: String(s.indicatorsCounted),
    predikat_k: s.predikatK && `${s.predikatK} (${PREDIKAT_NAMES[s.predikatK]})`,
    capaian_rp: s.capaianRp,
    predikat_rp: s.predikatRp && `${s.predikatRp} (${PREDIKAT_NAMES[s.predikatRp]})`,
  });
  return {
    sheet: 'Program',
    title: 'Rata-rata capaian dan predikat per program',
    columns: [
      { key: 'code', header: 'Kode', kind: 'text', width: 12 },
      { key: 'name', header: 'Program', kind: 'text', width: 40 },
      { key: 'average_k', header: 'Rata-rata Capaian Kinerja (%)', kind: 'percent', width: 12 },
      { key: 'indicators', header: 'Jumlah Indikator Dinilai', kind: 'integer', width: 10 },
      { key: 'predikat_k', header: 'Predikat Kinerja', kind: 'text', width: 16 },
      { key: 'capaian_rp', header: 'Capaian Anggaran (%)', kind: 'percent', width: 12 },
      { key: 'predikat_rp', header: 'Predikat Anggaran', kind: 'text', width: 16 },
    ],
    rows: [
      ...r.programs.map((s) => ({ cells: cells(s) })),
      { total: true, cells: { ...cells(r.officeSummary), name: `Total ${r.officeSummary.name}` } },
    ],
  };
}

export function evaluationDocument(r: EvaluationReport): ReportDocument {
  const form: ReportTable = {
    sheet: 'Evaluasi Renja',
    title: `Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah Tahun ${r.year} (Permendagri 86/2017)`,
    columns: formColumns(r.year, 'human'),
    rows: r.rows.map((row): TableRow => ({ cells: formCells(row, true) })),
  };
  const summary = summaryTable(r);
  return {
    fileStem: `evaluation-${r.office.code}-${r.year}`,
    title: `Evaluasi Renja ${r.office.code} Tahun ${r.year}`,
    subtitle: [...subtitleOf(r), 'Kolom Renstra kosong (—): target dan realisasi Renstra belum dicatat di ledger.'],
    tables: [form, summary],
    csv: {
      sheet: 'evaluation',
      title: 'evaluation',
      columns: formColumns(r.year, 'machine'),
      rows: r.rows.map((row) => ({ cells: formCells(row, false) })),
    },
    pdf: [{ ...form, columns: formColumns(r.year, 'pdf') }, summary],
  };
}
