/**
 * The one way the workbench talks to the server: same-origin fetches carrying the session cookie
 * (HttpOnly, so never visible here), the CSRF token on writes, and errors as ApiError with the
 * server's rule and field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly rule?: string,
    readonly field?: string,
    /** 422: the figures the rule names (decimal strings, ISO dates), for a message in the user's language. */
    readonly params?: Record<string, string>,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
/** Set by the session provider after sign-in; sent as X-CSRF-Token with every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Listeners told when the server answers 401 (the session ended): the shell shows the sign-in page. */
const unauthorisedListeners = new Set<() => void>();
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export type Query = Record<string, string | number | undefined | null>;

/** Path plus query string, leaving out empty values. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function toError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    message?: string | string[];
    rule?: string;
    field?: string;
    params?: Record<string, string>;
  } | null;
  const message = Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? response.statusText);
  return new ApiError(response.status, message, body?.rule, body?.field, body?.params);
}

/** The server says its refusals in the language the page is shown in (the html lang the i18n provider sets). */
const pageLanguage = (): string => (typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'id');

/** Where the boot script (boot/boot.ts) leaves the first page's requests, started before this script ran. */
export const EARLY_REQUESTS_GLOBAL = '__renjaEarlyRequests';

function earlyRequests(): Map<string, Promise<Response>> | undefined {
  if (typeof window === 'undefined') return undefined;
  const found = (window as unknown as Record<string, unknown>)[EARLY_REQUESTS_GLOBAL];
  return found instanceof Map ? (found as Map<string, Promise<Response>>) : undefined;
}

/**
 * Called once as the app starts, before its first request: from now on the boot script, if it has not run yet
 * (it is async, and loses the race on a busy machine), starts nothing. The requests it already started stay
 * to be taken.
 */
export function claimEarlyRequests(): void {
  if (typeof window === 'undefined') return;
  const global = window as unknown as Record<string, unknown>;
  if (!(EARLY_REQUESTS_GLOBAL in global)) global[EARLY_REQUESTS_GLOBAL] = new Map<string, Promise<Response>>();
}

/** A plain GET the boot script already started: its answer, taken once. */
function takeEarly(path: string): Promise<Response> | undefined {
  const early = earlyRequests();
  const response = early?.get(path);
  early?.delete(path);
  return response;
}

/**
 * Drops the boot script's requests nobody took: later reads must ask the server afresh. Their answers are
 * cancelled, not just dropped: a fetch whose body nobody reads stays open in the browser, holding one of its
 * few connections to the server for as long as the page lives.
 */
export function forgetEarlyRequests(): void {
  const early = earlyRequests();
  if (!early) return;
  for (const response of early.values()) response.then((r) => r.body?.cancel()).catch(() => undefined);
  early.clear();
}

export async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const isWrite = method !== 'GET' && method !== 'HEAD';
  const plainGet = method === 'GET' && body === undefined && Object.keys(headers).length === 0;
  const response = await ((plainGet ? takeEarly(path) : undefined) ??
    fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Accept-Language': pageLanguage(),
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...(isWrite && csrfToken && { 'X-CSRF-Token': csrfToken }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }));
  if (response.status === 401 && !path.startsWith('/api/v1/session')) unauthorisedListeners.forEach((listener) => listener());
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** The API path of an office-year: /api/v1/years/{year}/offices/{office}. */
export const officeYearPath = (year: string | number, office: string) =>
  `/api/v1/years/${encodeURIComponent(String(year))}/offices/${encodeURIComponent(office)}`;

/**
 * The headers of a write that does not go through request() (an upload with progress, via XMLHttpRequest):
 * the session's CSRF token, kept here only.
 */
export function writeHeaders(): Record<string, string> {
  return { 'Accept-Language': pageLanguage(), ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) };
}
