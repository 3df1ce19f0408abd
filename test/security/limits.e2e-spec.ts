import { ledgerDigest } from '../support/ledger-digest';
import { startTestApp, type TestApp } from '../support/test-app';

const ORIGIN = 'https://renja.example.go.id';

/** Hostile-input limits at the HTTP edge: body size, rate, JSON shape, security headers, CORS. */
describe('HTTP limits and headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ security: { maxBodyBytes: 4096, rateLimitPerMinute: 6, corsOrigins: [ORIGIN] } });
  });
  afterAll(() => t.close());

  it('refuses a body above the limit with a 413 and writes nothing', async () => {
    const before = await ledgerDigest(t.pool);
    const res = await t
      .http()
      .post('/api/v1/offices')
      .send({ code: 'DKUKM', name: 'x'.repeat(5000) })
      .expect(413);
    expect(res.body).toMatchObject({
      statusCode: 413,
      rule: 'BODY_TOO_LARGE',
      field: 'body',
      message: expect.stringMatching(/paling banyak 4096 bita/),
    });
    expect(await ledgerDigest(t.pool)).toBe(before);
  });

  it('refuses deeply nested JSON and duplicate keys with a 400 naming where', async () => {
    const deep = await t
      .http()
      .post('/api/v1/offices')
      .set('Content-Type', 'application/json')
      .send(`{"code":"A","name":${'['.repeat(40)}${']'.repeat(40)}}`)
      .expect(400);
    expect(deep.body).toMatchObject({ rule: 'BODY_TOO_DEEP', field: expect.stringMatching(/^name/) });
    const twice = await t
      .http()
      .post('/api/v1/offices')
      .set('Content-Type', 'application/json')
      .send('{"code":"A","name":"Satu","code":"B"}')
      .expect(400);
    expect(twice.body).toMatchObject({ rule: 'DUPLICATE_KEY', field: 'code' });
    const nested = await t
      .http()
      .post('/api/v1/offices')
      .set('Content-Type', 'application/json')
      .send('{"legalBasis":{"kind":"Perda","\\u006bind":"PMK"}}')
      .expect(400);
    expect(nested.body).toMatchObject({ rule: 'DUPLICATE_KEY', field: 'legalBasis.kind' });
  });

  it('sends security headers on API answers and keeps the API docs working under its CSP', async () => {
    const res = await t.anonymous().get('/api/v1/ledger/public-key').expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
    const docs = await t.anonymous().get('/api/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    // Every script the page runs is a file from the server itself: nothing inline for the CSP to block.
    const scripts = [...docs.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline.trim()).toBe('');
      expect(attributes).toMatch(/src=['"]\.?\/?[^:'"]+['"]/);
    }
    await t.anonymous().get('/api/docs/swagger-ui-init.js').expect(200);
  });

  it('answers CORS only for configured origins, and refuses other preflights', async () => {
    const allowed = await t
      .anonymous()
      .options('/api/v1/offices')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-headers': expect.stringContaining('Authorization'),
    });
    const refused = await t
      .anonymous()
      .options('/api/v1/offices')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .expect(403);
    expect(refused.body).toMatchObject({ field: 'Origin', rule: 'CORS_ORIGIN_NOT_ALLOWED' });
    const simple = await t.anonymous().get('/api/v1/ledger/public-key').set('Origin', 'https://evil.example').expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits requests per token with a 429 and Retry-After; other tokens are not affected', async () => {
    const busy = await t.tokenFor(['inspector'], '*', 'Busy');
    const calm = await t.tokenFor(['inspector'], '*', 'Calm');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 8; i++) {
      last = await t.anonymous().get('/api/v1/offices').set('Authorization', `Bearer ${busy}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    // tsc needs the `!` (`last` may be undefined after the loop); ESLint's view of the untyped `let last` does not.
    /* eslint-disable @typescript-eslint/no-unnecessary-type-assertion */
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(last!.body).toMatchObject({ statusCode: 429, rule: 'RATE_LIMITED', message: expect.stringMatching(/"Busy"/) });
    /* eslint-enable @typescript-eslint/no-unnecessary-type-assertion */
    await t.anonymous().get('/api/v1/offices').set('Authorization', `Bearer ${calm}`).expect(200);
  });
});
