import { EARLY_REQUESTS_GLOBAL, SESSION_PATH } from './early-requests';

/** Runs the boot script (it starts on import) in a stand-in for the page at `url`; what it fetched and preloaded. */
function boot(url: string, pageFiles: Record<string, string[]>) {
  const { pathname, search } = new URL(url, 'http://localhost');
  const fetched: Array<{ path: string; headers: Record<string, string> }> = [];
  const links: Array<{ rel: string; href: string }> = [];
  const page = {
    window: globalThis,
    location: { pathname, search },
    localStorage: { getItem: () => null },
    fetch: (path: string, init: { headers: Record<string, string> }) => {
      fetched.push({ path, headers: init.headers });
      return Promise.resolve(new Response('{}'));
    },
    document: {
      getElementById: (id: string) => (id === 'page-files' ? { textContent: JSON.stringify(pageFiles) } : null),
      createElement: () => ({}) as { rel: string; href: string },
      head: { appendChild: (link: { rel: string; href: string }) => links.push(link) },
    },
  };
  const saved = Object.keys(page).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)] as const);
  for (const [key, value] of Object.entries(page)) Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  const window = globalThis as unknown as Record<string, unknown>;
  try {
    jest.isolateModules(() => jest.requireActual('./boot'));
    const started = window[EARLY_REQUESTS_GLOBAL] as Map<string, Promise<Response>>;
    return { fetched, started: [...started.keys()], links: links.map((l) => `${l.rel} ${l.href}`) };
  } finally {
    delete window[EARLY_REQUESTS_GLOBAL];
    for (const [key, descriptor] of saved)
      if (descriptor) Object.defineProperty(globalThis, key, descriptor);
      else delete (globalThis as Record<string, unknown>)[key];
  }
}

describe('the boot script', () => {
  const files = { line: ['/assets/line-page.js', '/assets/line.css'], plan: ['/assets/plan-page.js'] };

  it('asks who is signed in and, on a line page, for its data and files', () => {
    const { fetched, started, links } = boot('/2023/OPD001/lines/2.17.03.1.01.0004', files);
    const line = '/api/v1/years/2023/offices/OPD001/lines/2.17.03.1.01.0004';
    expect(started).toEqual([SESSION_PATH, line, `${line}/history`, `${line}/reports/pagu-trail?format=json`]);
    expect(fetched.map((f) => f.path)).toEqual(started);
    expect(fetched.every((f) => f.headers['Accept-Language'] === 'id')).toBe(true);
    expect(links).toEqual(['modulepreload /assets/line-page.js', 'preload /assets/line.css']);
  });

  it('asks who is signed in on any other page, and fetches no page files there', () => {
    for (const url of ['/', '/halaman-yang-tidak-ada', '/integrity?validAt=2023-06-30']) {
      const { started, links } = boot(url, files);
      expect(started).toEqual([SESSION_PATH]);
      expect(links).toEqual([]);
    }
  });
});
