import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, onUnauthorised, setCsrfToken } from './client';

export type Role = 'admin' | 'planner' | 'finance' | 'inspector';

/** What GET /api/v1/session answers: who is signed in, what they may do, and the CSRF token. */
export interface SessionInfo {
  name: string;
  roles: Role[];
  offices: string[] | '*';
  via: string;
  expiresAt: string | null;
  csrfToken: string;
}

interface SessionState {
  session: SessionInfo | null;
  /** true until the first GET /session has answered. */
  loading: boolean;
  /** Set when a session ended under the user (401 on a read). */
  expired: boolean;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);
  const queries = useQueryClient();

  // Whether a session was ever seen: a 401 then means it ended; before, it only means "not signed in yet".
  const hadSession = useRef(false);
  const adopt = useCallback((info: SessionInfo | null) => {
    setCsrfToken(info?.csrfToken ?? null);
    if (info) hadSession.current = true;
    setSession(info);
  }, []);

  useEffect(() => {
    api
      .get<SessionInfo>('/api/v1/session')
      .then(adopt, (error: unknown) => {
        if (!(error instanceof ApiError && error.status === 401)) console.error(error);
        adopt(null);
      })
      .finally(() => setLoading(false));
    return onUnauthorised(() => {
      if (!hadSession.current) return;
      hadSession.current = false;
      adopt(null);
      setExpired(true);
      queries.clear();
    });
  }, [adopt, queries]);

  const signIn = useCallback(
    async (token: string) => {
      const info = await api.post<SessionInfo>('/api/v1/session', { token });
      queries.clear(); // answers refused before signing in are not kept
      adopt(info);
      setExpired(false);
    },
    [adopt, queries],
  );

  const signOut = useCallback(async () => {
    await api.delete('/api/v1/session').catch(() => undefined);
    adopt(null);
    queries.clear();
  }, [adopt, queries]);

  const value = useMemo(() => ({ session, loading, expired, signIn, signOut }), [session, loading, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** Whether the signed-in user may see this office (its scope is "*" or names it). */
export const mayReadOffice = (session: SessionInfo | null, office: string) =>
  !!session && (session.offices === '*' || session.offices.includes(office.toUpperCase()));
