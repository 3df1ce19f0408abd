import { api, claimEarlyRequests, EARLY_REQUESTS_GLOBAL, forgetEarlyRequests } from './client';

/** The boot script's head start (boot/boot.ts), as the app takes it, claims it and drops what it did not take. */
describe('early requests', () => {
  const global = globalThis as unknown as Record<string, unknown>;
  const realFetch = global.fetch;
  let fetched: string[];

  beforeEach(() => {
    global.window = globalThis; // what client.ts looks for; the unit tier runs in Node
    fetched = [];
    global.fetch = (url: string) => {
      fetched.push(url);
      return Promise.resolve(new Response('{"from":"app"}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    };
  });
  afterEach(() => {
    delete global.window;
    delete global[EARLY_REQUESTS_GLOBAL];
    global.fetch = realFetch;
  });

  /** An answer whose body records whether it was read or cancelled. */
  const answer = (text: string) => {
    const seen = { cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
      cancel: () => void (seen.cancelled = true),
    });
    return { seen, response: Promise.resolve(new Response(body, { status: 200 })) };
  };

  it('takes a request the boot script started, once, and asks the server for the next one', async () => {
    const early = answer('{"from":"boot"}');
    global[EARLY_REQUESTS_GLOBAL] = new Map([['/api/v1/x/plan', early.response]]);
    claimEarlyRequests(); // the boot script ran first: its requests stay to be taken
    await expect(api.get('/api/v1/x/plan')).resolves.toEqual({ from: 'boot' });
    await expect(api.get('/api/v1/x/plan')).resolves.toEqual({ from: 'app' });
    expect(fetched).toEqual(['/api/v1/x/plan']);
    expect(early.seen.cancelled).toBe(false);
  });

  it('cancels the answers nobody took when it forgets them, so none stays open in the browser', async () => {
    const taken = answer('{"from":"boot"}');
    const untaken = answer('{"from":"boot"}');
    global[EARLY_REQUESTS_GLOBAL] = new Map([
      ['/api/v1/x/plan', taken.response],
      ['/api/v1/x/plan?validAt=2022-12-31', untaken.response],
    ]);
    await api.get('/api/v1/x/plan');
    forgetEarlyRequests();
    await new Promise((resolve) => setImmediate(resolve));
    expect(untaken.seen.cancelled).toBe(true);
    expect(taken.seen.cancelled).toBe(false);
    await expect(api.get('/api/v1/x/plan?validAt=2022-12-31')).resolves.toEqual({ from: 'app' }); // asked afresh
  });

  it('claims the global when the app starts first: a boot script that runs later finds it and starts nothing', () => {
    expect(EARLY_REQUESTS_GLOBAL in global).toBe(false);
    claimEarlyRequests();
    expect(EARLY_REQUESTS_GLOBAL in global).toBe(true); // boot.ts returns at once when it sees this
    expect(fetched).toEqual([]);
  });

  it('a forgotten request that failed is dropped quietly', async () => {
    const failed = Promise.reject(new Error('offline'));
    failed.catch(() => undefined); // as boot.ts does
    global[EARLY_REQUESTS_GLOBAL] = new Map([['/api/v1/x/plan', failed]]);
    forgetEarlyRequests();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(api.get('/api/v1/x/plan')).resolves.toEqual({ from: 'app' });
  });
});
