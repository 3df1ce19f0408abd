import type { Principal } from '@renja/application';

/** The browser session cookie: a random id whose SHA-256 is the key of web_sessions. */
export const SESSION_COOKIE = 'rl_session';
/** The header a cookie-authenticated write must carry, equal to the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_STORE = Symbol('SESSION_STORE');
/** Hours a session lasts (never beyond its token's expiry). */
export const SESSION_HOURS = Symbol('SESSION_HOURS');

/** The session a request was authenticated by (set by the guard; absent for bearer-token requests). */
export interface WebSession {
  id: string;
  principal: Principal;
  csrfToken: string;
  expiresAt: string;
}

/** Methods that change nothing: no CSRF token needed. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
