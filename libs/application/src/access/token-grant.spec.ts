import { DomainError } from '@renja/domain';
import { DEFAULT_TOKEN_DAYS, parseExpiry, parseNip, parseOffices, parseRoles, parseTokenGrant } from './token-grant';

const NOW = new Date('2026-01-10T08:00:00Z');
const fieldOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? error.field : 'not a domain error';
  }
  return 'no error';
};

describe('token grants', () => {
  it('reads roles and offices from lists or comma-separated text, normalised', () => {
    expect(parseRoles('finance, planner,finance')).toEqual(['finance', 'planner']);
    expect(parseOffices(['dkukm', ' BPKAD '])).toEqual(['BPKAD', 'DKUKM']);
    expect(parseOffices('*')).toBe('*');
    expect(parseOffices(['*'])).toBe('*');
  });

  it('reads an expiry as a date, a timestamp, a number of days or never; by default a year', () => {
    expect(parseExpiry('2026-06-30', NOW)?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(parseExpiry('2026-02-01T12:00:00+07:00', NOW)?.toISOString()).toBe('2026-02-01T05:00:00.000Z');
    expect(parseExpiry('90d', NOW)?.toISOString()).toBe('2026-04-10T08:00:00.000Z');
    expect(parseExpiry('never', NOW)).toBeNull();
    expect(parseExpiry(undefined, NOW)?.getTime()).toBe(NOW.getTime() + DEFAULT_TOKEN_DAYS * 86_400_000);
  });

  it('reads a NIP of 18 digits, written grouped or not; none when absent or empty', () => {
    expect(parseNip('19800101 200501 1 001')).toBe('198001012005011001');
    expect(parseNip('198001012005011001')).toBe('198001012005011001');
    expect(parseNip(undefined)).toBeNull();
    expect(parseNip(null)).toBeNull();
    expect(parseNip('')).toBeNull();
    expect(parseTokenGrant({ name: 'Siti', roles: 'finance', offices: '*' }, NOW).nip).toBeNull();
  });

  it.each([
    [{ name: 'Siti', roles: 'finance', offices: '*', nip: '12345' }, 'nip'],
    [{ name: 'Siti', roles: 'finance', offices: '*', nip: '19800101200501100A' }, 'nip'],
    [{ name: 'Siti', roles: 'finance', offices: '*', nip: 123456789012345 }, 'nip'],
    [{ name: 'Siti', roles: 'finance', offices: '*', nip: '1980010120050110011' }, 'nip'],
    [{ name: '', roles: ['admin'], offices: '*' }, 'name'],
    [{ name: 'x\u0000y', roles: ['admin'], offices: '*' }, 'name'],
    [{ name: 'Siti', roles: [], offices: '*' }, 'roles'],
    [{ name: 'Siti', roles: ['root'], offices: '*' }, 'roles'],
    [{ name: 'Siti', roles: 'finance', offices: [] }, 'offices'],
    [{ name: 'Siti', roles: 'finance', offices: ['DROP TABLE;'] }, 'offices'],
    [{ name: 'Siti', roles: 'finance', offices: '*', expires: '2025-01-01' }, 'expires'],
    [{ name: 'Siti', roles: 'finance', offices: '*', expires: '2026-02-30' }, 'expires'],
    [{ name: 'Siti', roles: 'finance', offices: '*', expires: 90 }, 'expires'],
    [{ name: 'Siti', roles: 'finance', offices: '*', expires: '99999d' }, 'expires'],
  ])('refuses %j naming the field %s', (body, field) => {
    expect(fieldOf(() => parseTokenGrant(body, NOW))).toBe(field);
  });
});
