import { EARLY_REQUESTS_GLOBAL, earlyPlan } from './early-requests';

/**
 * The boot script (index.html, before the app's script; built as an entry of its own, see vite.config.mts):
 * on a plan or line page it asks for the page's data and fetches the page's script and styles at once, while
 * the app's own script is still being read, instead of after it has started. The app then takes the answers
 * (api/client.ts) and finds the page's modules already loaded. The list of each page's files is written into
 * index.html at build time (<script type="application/json" id="page-files">).
 */
function boot(): void {
  // This script is async: on a slow or busy machine it can run after the app's own script has started and sent
  // the page's requests itself. The app then holds the global (api/client.ts, claimEarlyRequests): a request
  // started here now would be one nobody takes, a second copy of the page's data, read by no one.
  if (EARLY_REQUESTS_GLOBAL in window) return;
  const plan = earlyPlan(location.pathname, location.search);
  if (!plan) return;
  const language = localStorage.getItem('renja.locale') === 'en' ? 'en' : 'id';
  const started = new Map<string, Promise<Response>>();
  for (const path of plan.requests) {
    const response = fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': language } });
    response.catch(() => undefined); // a failure is the app's to report, when it takes the answer
    started.set(path, response);
  }
  (window as unknown as Record<string, unknown>)[EARLY_REQUESTS_GLOBAL] = started;
  const files = (JSON.parse(document.getElementById('page-files')?.textContent ?? '{}') as Partial<Record<string, string[]>>)[plan.page];
  for (const file of files ?? []) {
    const link = document.createElement('link');
    const style = file.endsWith('.css');
    // As Vite's own preloading asks for them (crossorigin, modulepreload), so that it finds them here.
    link.rel = style ? 'preload' : 'modulepreload';
    if (style) link.as = 'style';
    link.crossOrigin = '';
    link.href = file;
    document.head.appendChild(link);
  }
}

try {
  boot();
} catch {
  // Only a head start: the app asks for everything itself.
}
