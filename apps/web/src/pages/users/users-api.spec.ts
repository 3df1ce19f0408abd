import { groupNip, isNip, statusOf } from './users-api';

describe('users helpers', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('names a status: revoked first, then expired, else active', () => {
    expect(statusOf({ revokedAt: '2026-05-01T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z' }, now)).toBe('revoked');
    expect(statusOf({ revokedAt: null, expiresAt: '2026-05-31T23:59:59Z' }, now)).toBe('expired');
    expect(statusOf({ revokedAt: null, expiresAt: '2026-06-02T00:00:00Z' }, now)).toBe('active');
    expect(statusOf({ revokedAt: null, expiresAt: null }, now)).toBe('active');
  });
  it('groups a NIP as printed and checks 18 digits like the server', () => {
    expect(groupNip('198001012005012001')).toBe('19800101 200501 2 001');
    expect(isNip('19800101 200501 2 001')).toBe(true);
    expect(isNip('1980010120050120')).toBe(false);
    expect(isNip('19800101200501200x')).toBe(false);
  });
});
