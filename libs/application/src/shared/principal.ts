/**
 * Who is acting: a verified identity with roles and an office scope. Every command carries one; its name
 * becomes the actor recorded on the events, so it must come from a verified token, never from the request.
 */
import { ROLES, type Role } from './command-roles';

export { ROLES, type Role };

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** '*' = every office; otherwise the office codes (upper case) the principal may act on. */
export type OfficeScope = '*' | string[];

export interface Principal {
  /** Recorded as the events' actor. */
  name: string;
  roles: Role[];
  offices: OfficeScope;
  /** How the identity was established: an API token, an OpenID Connect JWT, or the system itself (CLI, bootstrap). */
  via: 'token' | 'oidc' | 'system';
  /** The API token's id, when via = 'token'. */
  tokenId?: number;
}

/** Office codes are compared upper-case and trimmed, the way the domain stores them. */
export const normaliseOfficeScope = (offices: OfficeScope): OfficeScope =>
  offices === '*' ? '*' : [...new Set(offices.map((o) => o.trim().toUpperCase()))].sort();

export const inScope = (scope: OfficeScope, office: string): boolean => scope === '*' || scope.includes(office.trim().toUpperCase());

export const describeScope = (scope: OfficeScope): string =>
  scope === '*' ? 'all offices' : scope.length ? `offices ${scope.join(', ')}` : 'no office';

/**
 * The principal of work done with the database's own credentials (the command line, the first start):
 * whoever holds them can already do anything, so it may record every kind of change, on every office.
 * Its name still says who: e.g. "renja-ledger CLI (siti)".
 */
export const systemPrincipal = (name: string): Principal => ({ name, roles: ['admin', 'finance', 'planner'], offices: '*', via: 'system' });

/** The principal of a verified API token's holder: its roles (unknown ones dropped) and office scope. */
export const tokenPrincipal = (holder: { id: number; name: string; roles: readonly string[]; offices: OfficeScope }): Principal => ({
  name: holder.name,
  roles: holder.roles.filter(isRole),
  offices: normaliseOfficeScope(holder.offices),
  via: 'token',
  tokenId: holder.id,
});
