import { comparePlanCodes } from '@renja/domain';
import { comparePlanCodesFast } from './plan-code-order';

describe('comparePlanCodesFast', () => {
  it('orders codes exactly as the domain does', () => {
    const codes = ['2.17.08', '2.17.07.1.01.0010', 'X.XX.01', '2.17.07', '2.17.07.1.01.0002', '2.17.07.1.02', '2.17.10', '2.17.07.1.01', '1.01.01', '2.17.07.2.01'];
    expect([...codes].sort(comparePlanCodesFast)).toEqual([...codes].sort(comparePlanCodes));
  });
});
