import { invalid, msg } from '@renja/domain';
import { ForbiddenError } from '@renja/application';
import { CliRefusal, printRefusal, requireToken } from './refusal';

describe('printRefusal', () => {
  let written: string[];
  let write: jest.SpyInstance;
  beforeEach(() => {
    written = [];
    write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    write.mockRestore();
    process.exitCode = undefined;
  });

  it('says a rule of the ledger in Bahasa Indonesia, with its rule and field, and exits 2', () => {
    printRefusal(invalid('period', msg('PERIOD_FORMAT', { value: 'Q4' }), 'PERIOD_FORMAT'));
    expect(written.join('')).toBe(
      'renja-ledger: ditolak: PERIOD_FORMAT (period): period: "Q4" bukan periode: tulis bulan "2022-11" atau triwulan "2022-Q4" (juga "TW IV" atau "TW4")\n',
    );
    expect(process.exitCode).toBe(2);
  });

  it("says the CLI's own refusals and a missing role in Bahasa Indonesia", () => {
    printRefusal(new CliRefusal('TOKEN_INVALID', msg('TOKEN_INVALID.unknown'), 'token'));
    const role = msg('FORBIDDEN.role', {
      action: msg('ACTION.register-line'),
      needed: 'planner',
      name: 'Budi',
      has: msg('FORBIDDEN.no_role'),
    });
    printRefusal(new ForbiddenError('register-line needs the role planner', ['planner'], 'DKUKM', 'Budi', role));
    expect(written[0]).toBe('renja-ledger: ditolak: TOKEN_INVALID (token): token tidak sah atau sudah dicabut\n');
    expect(written[1]).toMatch(/^renja-ledger: ditolak: FORBIDDEN: mendaftarkan baris rencana memerlukan peran planner/);
  });

  it('rethrows any other error (main prints it and exits 1)', () => {
    const bug = new TypeError('x is undefined');
    expect(() => printRefusal(bug)).toThrow(bug);
    expect(written).toEqual([]);
  });
});

describe('requireToken', () => {
  it('takes --token, then $RENJA_TOKEN, and refuses in Bahasa Indonesia when neither is given', () => {
    const saved = process.env.RENJA_TOKEN;
    try {
      delete process.env.RENJA_TOKEN;
      expect(requireToken('abc')).toBe('abc');
      expect(() => requireToken(undefined)).toThrow(CliRefusal);
      try {
        requireToken(undefined);
      } catch (error) {
        expect((error as CliRefusal).rule).toBe('TOKEN_REQUIRED');
      }
      process.env.RENJA_TOKEN = 'env';
      expect(requireToken(undefined)).toBe('env');
    } finally {
      if (saved === undefined) delete process.env.RENJA_TOKEN;
      else process.env.RENJA_TOKEN = saved;
    }
  });
});
