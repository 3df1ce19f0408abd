import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app';
import { defaultWebRoot } from '../../apps/api/src/http/web-app';

/** A GET whose body is kept as sent (supertest decodes compressed bodies). */
async function rawGet(t: TestApp, path: string, acceptEncoding: string) {
  const server = t.app.getHttpServer() as import('node:http').Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The web app is served by the API server: files, cache headers, the single-page fallback, /api/ untouched. */
describe('the web app served beside the API', () => {
  let t: TestApp;
  let root: string;
  const BIG = Buffer.from(`${'export const pagu = "150100000.25";\n'.repeat(200)}`);
  const INDEX =
    '<!doctype html><html><head><script type="module" src="/assets/x.js"></script></head><body><div id="root"></div></body></html>';
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'renja-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'x.js'), 'console.log("renja");\n');
    // An asset with the compressed copies the build writes beside it (apps/web/vite.config.mts).
    writeFileSync(join(root, 'assets', 'big.js'), BIG);
    writeFileSync(join(root, 'assets', 'big.js.br'), brotliCompressSync(BIG));
    writeFileSync(join(root, 'assets', 'big.js.gz'), gzipSync(BIG));
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

  it.each([
    ['br', 'gzip, deflate, br, zstd', (body: Buffer) => brotliDecompressSync(body)],
    ['gzip', 'gzip', (body: Buffer) => gunzipSync(body)],
  ])("sends the build's %s copy of an asset to a browser that accepts it", async (encoding, accepted, decode) => {
    const res = await rawGet(t, '/assets/big.js', accepted);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    const body = res.body;
    expect(body.length).toBeLessThan(BIG.length / 4);
    expect(decode(body).equals(BIG)).toBe(true);
  });

  it('sends an asset as it is to a client that accepts no encoding, and where the build wrote no copy', async () => {
    const plain = await t.anonymous().get('/assets/big.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.text).toBe(BIG.toString());
    const small = await t.anonymous().get('/assets/x.js').set('Accept-Encoding', 'br').expect(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.text).toContain('renja');
    // A copy is never a way out of the assets folder.
    await t.anonymous().get('/assets/%2e%2e/%2e%2e/package.json').set('Accept-Encoding', 'br').expect(404);
  });

  it("the build writes each script's compressed copies beside it, and the server sends them (dist/web)", async () => {
    const built = defaultWebRoot(join(__dirname, '..', '..', 'apps', 'api', 'src', 'http'));
    const index = readFileSync(join(built, 'index.html'), 'utf8');
    // The entry and boot scripts, and the pages' scripts the boot script names.
    const scripts = [...new Set([...index.matchAll(/"(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]))];
    expect(scripts.length).toBeGreaterThan(2);
    for (const script of scripts) {
      const original = readFileSync(join(built, script));
      if (original.length < 1024) continue; // too small to be worth a copy
      expect(brotliDecompressSync(readFileSync(join(built, `${script}.br`))).equals(original)).toBe(true);
      expect(gunzipSync(readFileSync(join(built, `${script}.gz`))).equals(original)).toBe(true);
    }
    const entry = scripts.find((script) => existsSync(join(built, `${script}.br`)))!;
    const app = await startTestApp({ webRoot: built });
    try {
      const res = await app.anonymous().get(entry).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(Number(res.headers['content-length'])).toBe(readFileSync(join(built, `${entry}.br`)).length);
    } finally {
      await app.close();
    }
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
