import { initialLineState, planLineDecider, type LineEvent, type PlanLineState } from '@renja/domain';
import { recordRenstra, registerLineSent } from '@renja/domain/testing/parsed-commands';
import { operationsOf } from './import-rows';
import { Problems, type ReadFile } from './import-types';
import { renstraUnchanged, type RenstraFiguresRow } from './renstra-rows';

/** A read renstra file from rows of cells by column name (as the readers produce them). */
function renstraFile(rows: Array<Record<string, string>>): ReadFile {
  return {
    name: 'renstra-2022.csv',
    sha256: 'f'.repeat(64),
    bytes: 1,
    tables: ['renstra'],
    encoding: 'utf-8',
    rows: rows.map((cells, i) => ({
      file: 'renstra-2022.csv',
      table: 'renstra',
      row: i + 2,
      cells: new Map(
        Object.entries(cells)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [k, { text: v }]),
      ),
    })),
  };
}

const line = { Tahun: '2022', 'Perangkat Daerah': 'dkukm', Kode: '2.17.07' };

describe('table renstra: rows → operations', () => {
  it("reads Indonesian numbers into the API's decimal strings, K with its indicator", () => {
    const problems = new Problems();
    const ops = operationsOf(
      [
        renstraFile([
          {
            ...line,
            Indikator: 'Persentase UMKM yang diberdayakan',
            'Target Renstra K': '0,25',
            'Target Renstra Rp': '1.736.420.000,00',
            'Realisasi Renstra s.d. Tahun Lalu Rp': '757.319.800',
            Alasan: 'Renstra DKUKM',
          },
        ]),
      ],
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(ops).toMatchObject([
      {
        kind: 'renstra',
        office: 'DKUKM',
        code: '2.17.07',
        indicator: 'Persentase UMKM yang diberdayakan',
        targetK: '0.25',
        targetRp: '1736420000.00',
        realisedToLastYearK: null,
        realisedToLastYearRp: '757319800',
        effectiveDate: null,
        reason: 'Renstra DKUKM',
      },
    ]);
  });

  it('refuses a row without any figure and a K without its indicator, naming the column', () => {
    const problems = new Problems();
    const ops = operationsOf(
      [
        renstraFile([
          { ...line, Alasan: 'kosong' },
          { ...line, 'Target Renstra K': '30' },
        ]),
      ],
      problems,
    );
    expect(ops).toEqual([]);
    expect(problems.list.map((p) => [p.row, p.column, p.rule])).toEqual([
      [2, 'Target Renstra Rp', 'RENSTRA_EMPTY'],
      [3, 'Indikator', 'INDICATOR_REQUIRED'],
    ]);
  });

  it('counts a row as unchanged only when every figure it gives is the one in force', () => {
    const history: LineEvent[] = [];
    let state: PlanLineState = initialLineState();
    const apply = (command: Parameters<typeof planLineDecider.decide>[0]) => {
      for (const event of planLineDecider.decide(command, state)) {
        history.push(event);
        state = planLineDecider.evolve(state, event);
      }
    };
    apply(registerLineSent({ eventId: 'r', year: 2022, officeCode: 'DKUKM', code: '2.17.07', name: 'Program' }));
    apply({ type: 'DefineIndicator', eventId: 'i', name: 'Persentase UMKM', unit: 'persen', direction: 'higher_is_better' });
    apply(recordRenstra({ eventId: 's', indicator: 'IK-1', targetK: '0.25', targetRp: '1736420000' }));
    const row = (figures: Partial<RenstraFiguresRow>): RenstraFiguresRow => ({
      kind: 'renstra',
      indicator: 'Persentase UMKM',
      targetK: null,
      targetRp: null,
      realisedToLastYearK: null,
      realisedToLastYearRp: null,
      effectiveDate: null,
      reason: null,
      legalBasis: null,
      ...figures,
    });
    expect(renstraUnchanged(row({ targetK: '0.250', targetRp: '1736420000.00' }), state)).toBe(true);
    expect(renstraUnchanged(row({ targetRp: '1736420001.00' }), state)).toBe(false);
    expect(renstraUnchanged(row({ realisedToLastYearRp: '1.00' }), state)).toBe(false);
    expect(renstraUnchanged(row({ indicator: 'Tidak ada', targetK: '0.25' }), state)).toBe(false);
  });
});
