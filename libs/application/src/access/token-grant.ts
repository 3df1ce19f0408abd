import { invalid, msg, parseOfficeCode } from '@renja/domain';
import { isRole, ROLES, type OfficeScope, type Role } from '../shared/principal';

/** A token grant as asked for (HTTP body or CLI options), validated: which field is wrong and why. */
export interface TokenGrantRequest {
  name: string;
  roles: Role[];
  offices: OfficeScope;
  expiresAt: Date | null;
  /** NIP of a civil servant (18 digits), or null: not every holder has one (a contractor, a system). */
  nip?: string | null;
}

const DAY_MS = 86_400_000;
/** Without an explicit expiry a token lives this long; "never" must be asked for. */
export const DEFAULT_TOKEN_DAYS = 365;
const MAX_DAYS = 5 * 366;

export function parseRoles(value: unknown): Role[] {
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (!Array.isArray(list) || list.length === 0) throw invalid('roles', msg('ROLES_REQUIRED', { roles: ROLES.join(', ') }));
  for (const role of list)
    if (!isRole(role)) throw invalid('roles', msg('ROLE_UNKNOWN', { role: String(role).slice(0, 40), roles: ROLES.join(', ') }));
  return [...new Set(list as Role[])].sort();
}

export function parseOffices(value: unknown): OfficeScope {
  if (value === '*' || (Array.isArray(value) && value.length === 1 && value[0] === '*')) return '*';
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (!Array.isArray(list) || list.length === 0) throw invalid('offices', msg('OFFICES_REQUIRED'));
  if (list.length > 200) throw invalid('offices', msg('OFFICES_TOO_MANY'));
  return [...new Set(list.map((o) => parseOfficeCode(o, 'offices')))].sort();
}

/** "2027-06-30", an ISO timestamp, "90d" or "never"; absent: DEFAULT_TOKEN_DAYS from now. Must lie in the future. */
export function parseExpiry(value: unknown, now: Date): Date | null {
  if (value === undefined || value === null) return new Date(now.getTime() + DEFAULT_TOKEN_DAYS * DAY_MS);
  if (value === 'never') return null;
  if (typeof value !== 'string') throw invalid('expires', msg('EXPIRES_FORMAT'));
  const days = /^(\d{1,4})d$/.exec(value);
  let at: Date;
  if (days) at = new Date(now.getTime() + Number(days[1]) * DAY_MS);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    at = new Date(`${value}T00:00:00Z`);
    // Date rolls 2026-02-30 over to March: a date that does not come back the same does not exist.
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== value)
      throw invalid('expires', msg('DATE_FORMAT.calendar', { value }));
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) at = new Date(value);
  else throw invalid('expires', msg('EXPIRES_FORMAT.value', { value: value.slice(0, 40) }));
  if (Number.isNaN(at.getTime())) throw invalid('expires', msg('DATE_FORMAT.calendar', { value }));
  if (at.getTime() <= now.getTime()) throw invalid('expires', msg('EXPIRES_PAST', { at: at.toISOString() }));
  if (at.getTime() > now.getTime() + MAX_DAYS * DAY_MS) throw invalid('expires', msg('EXPIRES_TOO_FAR', { max: MAX_DAYS }));
  return at;
}

export function parseTokenName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  // eslint-disable-next-line no-control-regex -- control characters are refused on purpose
  if (!/^[^\x00-\x1f\x7f]{1,100}$/u.test(name) || /[\u{d800}-\u{dfff}]/u.test(name)) {
    throw invalid('name', msg('TOKEN_NAME_FORMAT'));
  }
  return name;
}

/**
 * A NIP (Nomor Induk Pegawai) is 18 digits: birth date (8), TMT CPNS (6), sex (1), sequence (3). It is
 * often written grouped ("19800101 200501 1 001"), so spaces are dropped; absent or empty means none.
 */
export function parseNip(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const digits = typeof value === 'string' ? value.replace(/ /g, '') : '';
  if (!/^\d{18}$/.test(digits)) throw invalid('nip', msg('NIP_FORMAT'));
  return digits;
}

export function parseTokenGrant(
  body: { name?: unknown; roles?: unknown; offices?: unknown; expires?: unknown; nip?: unknown },
  now: Date,
): TokenGrantRequest {
  return {
    name: parseTokenName(body.name),
    roles: parseRoles(body.roles),
    offices: parseOffices(body.offices),
    expiresAt: parseExpiry(body.expires, now),
    nip: parseNip(body.nip),
  };
}
