import { neutraliseFormula, renderCsv } from './csv';

describe('CSV cells', () => {
  it('neutralise text a spreadsheet would run as a formula, and leave amounts alone', () => {
    expect(['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x', '=HYPERLINK("http://x")'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+cmd",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=x",
      '\'=HYPERLINK("http://x")',
    ]);
    expect(['-250000.50', '1653027794.00', '+12', '-38.15%', 'Belanja modal', ''].map(neutraliseFormula)).toEqual([
      '-250000.50',
      '1653027794.00',
      '+12',
      '-38.15%',
      'Belanja modal',
      '',
    ]);
  });

  it('quotes after neutralising, so the apostrophe stays inside the field', () => {
    const csv = renderCsv({
      columns: [{ key: 'reason' }, { key: 'delta' }],
      rows: [{ cells: { reason: '=cmd|"/c calc"', delta: '-1000.00' } }],
    } as never);
    expect(csv).toBe(`reason,delta\r\n"'=cmd|""/c calc""",-1000.00\r\n`);
  });
});

describe('CSV for Indonesian spreadsheets (csv=id)', () => {
  const table = {
    sheet: 'x',
    title: 'x',
    columns: [
      { key: 'code', header: 'Kode', kind: 'text' },
      { key: 'pagu', header: 'Rp', group: 'Pagu APBD-P', kind: 'amount' },
      { key: 'serapan', header: 'Serapan (%)', kind: 'percent' },
      { key: 'note', header: 'Keterangan', kind: 'text' },
    ],
    rows: [
      { cells: { code: '2.17.07', pagu: '1653027794.00', serapan: '38.15', note: 'DID; PMK 170' } },
      { cells: { code: '2.17.08', pagu: '-250000.50', serapan: null, note: '=1+1' } },
    ],
  } as never;

  it('separates by semicolons, writes decimal commas without grouping, heads columns in Indonesian, starts with a BOM', () => {
    const csv = renderCsv(table, 'id');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Kode;Pagu APBD-P Rp;Serapan (%);Keterangan',
      '2.17.07;1653027794,00;38,15;"DID; PMK 170"',
      "2.17.08;-250000,50;;'=1+1",
      '',
    ]);
  });

  it('reads back as numbers the way an Indonesian spreadsheet parses them', () => {
    const [, ...rows] = renderCsv(table, 'id').slice(1).trim().split('\r\n');
    const amounts = rows.map((r) => r.split(';')[1]).map((v) => Number(v.replace(',', '.')));
    expect(amounts).toEqual([1653027794, -250000.5]);
  });
});

describe('machine values in the CSV for people', () => {
  it('reads levels, phases, statuses, yes/no and event types as words; a column may name its own; the machine CSV keeps them', () => {
    const table = {
      sheet: 'x',
      title: 'x',
      columns: [
        { key: 'level', header: 'Tingkat', kind: 'text' },
        { key: 'phase', header: 'Tahapan', kind: 'text' },
        { key: 'status', header: 'Status', kind: 'text' },
        { key: 'explained', header: 'Dijelaskan', kind: 'text' },
        { key: 'kind', header: 'Jenis', kind: 'text', labels: { pagu_set: 'penetapan pagu' } },
        { key: 'event_type', header: 'Jenis Peristiwa', kind: 'text' },
      ],
      rows: [
        {
          cells: {
            level: 'sub_kegiatan',
            phase: 'APBD_P',
            status: 'in_force',
            explained: 'true',
            kind: 'pagu_set',
            event_type: 'pagu.changed',
          },
        },
      ],
    } as never;
    expect(renderCsv(table, 'id').split('\r\n')[1]).toBe('Sub Kegiatan;APBD-P;berlaku;ya;penetapan pagu;Penetapan/perubahan pagu');
    expect(renderCsv(table).split('\r\n')[1]).toBe('sub_kegiatan,APBD_P,in_force,true,pagu_set,pagu.changed');
  });
});
