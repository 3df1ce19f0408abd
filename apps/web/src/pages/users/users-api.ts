import { api } from '../../api/client';
import type { Role } from '../../api/session';

/** A user as GET /api/v1/tokens lists it (never the secret). */
export interface UserToken {
  id: number;
  name: string;
  nip: string | null;
  roles: Role[];
  offices: string[] | '*';
  expiresAt: string | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** What POST /api/v1/tokens answers: the user and, this once, their token. */
export interface IssuedUser {
  id: number;
  name: string;
  nip: string | null;
  token: string;
}

export interface NewUser {
  name: string;
  nip?: string;
  roles: Role[];
  offices: string[] | '*';
  expires: Expiry;
}

export const EXPIRIES = ['30d', '90d', '365d', 'never'] as const;
export type Expiry = (typeof EXPIRIES)[number];
export const ROLE_ORDER: Role[] = ['admin', 'planner', 'finance', 'inspector'];

export interface Office {
  code: string;
  name: string;
}

export const USERS_KEY = ['tokens'];

export const usersApi = {
  list: () => api.get<UserToken[]>('/api/v1/tokens'),
  offices: () => api.get<Office[]>('/api/v1/offices'),
  create: (user: NewUser) => api.post<IssuedUser>('/api/v1/tokens', user),
  revoke: (id: number) => api.delete<UserToken>(`/api/v1/tokens/${id}`),
};

export type UserStatus = 'active' | 'revoked' | 'expired';

/** Revoked wins over expired: a revocation is an act someone took, an expiry only time passing. */
export function statusOf(user: Pick<UserToken, 'revokedAt' | 'expiresAt'>, now: Date = new Date()): UserStatus {
  if (user.revokedAt) return 'revoked';
  if (user.expiresAt && Date.parse(user.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** "198001012005012001" → "19800101 200501 2 001", the way a NIP is printed on Indonesian documents. */
export function groupNip(nip: string): string {
  const m = /^(\d{8})(\d{6})(\d)(\d{3})$/.exec(nip);
  return m ? `${m[1]} ${m[2]} ${m[3]} ${m[4]}` : nip;
}

/** The same check as the server (18 digits, spaces allowed), so the user hears it before sending. */
export const isNip = (value: string) => /^\d{18}$/.test(value.replace(/ /g, ''));
