import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';
import { defaultWebRoot } from '../../apps/api/src/http/web-app';

/** The web app is served by the API server: files, cache headers, the single-page fallback, /api/ untouched. */
describe('the web app served beside the API', () => {
  let t: TestApp;
  let root: string;
  const INDEX =
    '<!doctype html><html><head><script type="module" src="/assets/x.js"></script></head><body><div id="root"></div></body></html>';
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'renja-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'x.js'), 'console.log("renja");\n');
    t = await startTestApp({ webRoot: root });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(['/', '/2022/DKUKM/lines/2.17.08.1.01.0001?validAt=2022-10-31', '/integrity', '/index.html'])(
    'answers %s with the app (index.html, not cached)',
    async (path) => {
      const res = await t.anonymous().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(
        /default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'.*frame-ancestors 'none'/,
      );
    },
  );

  it('serves assets with a year-long immutable cache; a missing asset is a 404', async () => {
    const res = await t.anonymous().get('/assets/x.js').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.text).toContain('renja');
    await t.anonymous().get('/assets/missing.js').expect(404);
  });

  it('keeps /api/ for the API: an unknown route is a JSON 404, and the API docs still work', async () => {
    const res = await t.anonymous().get('/api/v1/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ statusCode: 404 });
    const docs = await t.anonymous().get('/api/docs/').expect(200);
    expect(docs.text).toMatch(/swagger/i);
    await t.anonymous().get('/api/docs-json').expect(200);
  });

  it('does not answer writes with the app', async () => {
    await t.anonymous().post('/integrity').send({}).expect(404);
  });

  it('says how to build the app when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'renja-web-empty-'));
    const bare = await startTestApp({ webRoot: empty });
    try {
      const res = await bare.anonymous().get('/').expect(200);
      expect(res.text).toContain('npm run build');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('finds dist/web under the repository root from the sources and from the compiled server', () => {
    const repo = join(__dirname, '..', '..');
    expect(defaultWebRoot(join(repo, 'apps', 'api', 'src', 'http'))).toBe(join(repo, 'dist', 'web'));
    expect(defaultWebRoot(join(repo, 'dist', 'apps', 'api', 'src', 'http'))).toBe(join(repo, 'dist', 'web'));
  });
});
