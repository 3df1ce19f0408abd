import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { runCli } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

/** The built-in sample (the reference document transcribed): answers of tens to hundreds of kilobytes. */
const SAMPLE = 'data/samples/dkukm-babel';
const OFFICE = 'DKUKM';
const YEAR = 2024;

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as it travelled (supertest would decode it). */
  body: Buffer;
}

/**
 * The API's answers travel compressed for a client that accepts it: whole answers (an office's plan) and answers
 * sent while they are written (the province reports, json-stream.ts), which must finish like any other. Each
 * compressed answer decodes to exactly the answer a client that accepts no encoding gets.
 */
describe("the API's answers, compressed", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const env = { DATABASE_URL: t.db.url };
    const created = await runCli(
      ['token', 'create', '--name', 'importer', '--role', 'admin', '--role', 'planner', '--role', 'finance', '--office', '*'],
      env,
    );
    if (created.code !== 0) throw new Error(`token create failed:\n${created.stdout}\n${created.stderr}`);
    const imported = await runCli(['import', SAMPLE, '--token', created.stdout.trim()], env);
    if (imported.code !== 0) throw new Error(`import failed:\n${imported.stdout}\n${imported.stderr}`);
  }, 300_000);
  afterAll(() => t.close());

  /** A GET with the default token, its body kept as sent; refused after 20 s (an answer that never ends). */
  async function rawGet(path: string, acceptEncoding: string | null, extra: Record<string, string> = {}): Promise<RawAnswer> {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const headers: Record<string, string> = { ...t.auth, ...extra };
    if (acceptEncoding !== null) headers['Accept-Encoding'] = acceptEncoding;
    return new Promise<RawAnswer>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
      req.setTimeout(20_000, () => req.destroy(new Error(`GET ${path} (Accept-Encoding: ${acceptEncoding}) did not finish in 20 s`)));
      req.on('error', reject);
      req.end();
    });
  }

  const decoded = (answer: RawAnswer): Buffer => {
    const encoding = answer.headers['content-encoding'];
    if (encoding === 'br') return brotliDecompressSync(answer.body);
    if (encoding === 'gzip') return gunzipSync(answer.body);
    if (encoding === undefined) return answer.body;
    throw new Error(`unexpected Content-Encoding ${encoding}`);
  };

  const PLAN = `/api/v1/years/${YEAR}/offices/${OFFICE}/plan`;
  const PROVINCE = `/api/v1/years/${YEAR}/reports/reconciliation`;

  it.each([
    ['an office plan (a whole answer)', PLAN],
    ["an office's reconciliation (kept report bytes, json-bytes.ts)", `/api/v1/years/${YEAR}/offices/${OFFICE}/reports/reconciliation`],
    ["an office's pagu trail in the past", `/api/v1/years/${YEAR}/offices/${OFFICE}/reports/pagu-trail?validAt=2024-06-30`],
    ['the province reconciliation (sent while it is written)', PROVINCE],
    ['the province reconciliation in the past', `${PROVINCE}?validAt=2024-06-30`],
  ])('%s: brotli for a browser, gzip for a client without it, the same JSON as uncompressed', async (_what, path) => {
    const plain = await rawGet(path, null);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    for (const [accepted, expected] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const answer = await rawGet(path, accepted);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(expected);
      expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
      expect(answer.body.length).toBeLessThan(plain.body.length / 3);
      expect(decoded(answer).toString('utf8')).toBe(plain.body.toString('utf8'));
    }
  });

  it('leaves alone a client that accepts no encoding, and answers under 1 KB', async () => {
    const identity = await rawGet(PLAN, 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    const small = await rawGet('/health/live', 'gzip, br');
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('sends papers (PDF) as they are: they are compressed inside already', async () => {
    const pdf = await rawGet(`/api/v1/years/${YEAR}/offices/${OFFICE}/reports/reconciliation?format=pdf`, 'gzip, br');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect(pdf.headers['content-encoding']).toBeUndefined();
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a refusal is still a clear JSON error when compressed', async () => {
    const answer = await rawGet(`${PROVINCE}?lines=maybe`, 'gzip, br');
    expect(answer.status).toBe(400);
    const body = JSON.parse(decoded(answer).toString('utf8')) as { field?: string };
    expect(body.field).toBe('lines');
  });
});
