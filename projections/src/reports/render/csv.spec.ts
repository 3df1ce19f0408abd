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
