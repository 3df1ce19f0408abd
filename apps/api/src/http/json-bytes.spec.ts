import { get as httpGet, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Controller, Get, Query, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { KeptTexts } from './json-stream';
import { randomBytes } from 'node:crypto';
import { compressAnswers } from './compress-answers';
import { jsonBytes, LedgerExpressAdapter } from './json-bytes';
import { streamedJson } from './json-stream';

const lines = Array.from({ length: 2000 }, (_, i) => ({ code: `2.17.01.1.01.${i}`, name: `Uraian – ${i}`, delta: `${i}.25` }));
const report = (validAt?: string) => ({
  report: 'reconciliation',
  year: 2023,
  office: { code: 'DKUKM', name: 'Dinas 🚀 UKM' },
  asOf: validAt ? { validAt } : {},
  lines,
});
const kept: KeptTexts = new WeakMap();

@Controller()
class AnswersController {
  @Get('plain')
  plain(@Query('validAt') validAt?: string) {
    return report(validAt);
  }

  @Get('bytes')
  bytes(@Query('validAt') validAt?: string) {
    return jsonBytes(report(validAt), 2, kept);
  }

  @Get('small')
  small() {
    return jsonBytes({ ok: true }, 2, kept);
  }
}

describe('JSON answers written as bytes (LedgerExpressAdapter)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [AnswersController] }).compile();
    app = module.createNestApplication(new LedgerExpressAdapter(), { logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('sends the very bytes and headers res.json sends (Content-Type, Content-Length, weak ETag)', async () => {
    // As they are: for a client that accepts no encoding (supertest asks for gzip unless told otherwise).
    const get = (path: string) => request(app.getHttpServer()).get(path).set('Accept-Encoding', 'identity');
    const plain = await get('/plain').buffer(true).parse(rawBody);
    for (let i = 0; i < 2; i++) {
      const bytes = await get('/bytes').buffer(true).parse(rawBody);
      expect(bytes.status).toBe(200);
      expect(Buffer.compare(bytes.body as Buffer, plain.body as Buffer)).toBe(0);
      for (const header of ['content-type', 'content-length', 'etag']) expect(bytes.headers[header]).toBe(plain.headers[header]);
    }
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    // The same kept lines with other members around them: another answer, its own bytes and ETag.
    for (const validAt of ['2023-10-31', '2023-06-30', '2023-10-31']) {
      const [bytes, expected] = await Promise.all(
        ['/bytes', '/plain'].map((path) => get(path).query({ validAt }).buffer(true).parse(rawBody)),
      );
      expect(Buffer.compare(bytes.body as Buffer, expected.body as Buffer)).toBe(0);
      expect(bytes.headers.etag).toBe(expected.headers.etag);
      expect(bytes.headers.etag).not.toBe(plain.headers.etag);
    }
    expect(Buffer.isBuffer(kept.get(lines))).toBe(true);
  });

  it('answers a matching If-None-Match with 304 and no body, and HEAD with the headers only, as res.json does', async () => {
    const { headers } = await request(app.getHttpServer()).get('/plain');
    const fresh = await request(app.getHttpServer()).get('/bytes').set('If-None-Match', headers.etag);
    expect(fresh.status).toBe(304);
    expect(fresh.text ?? '').toBe('');
    const stale = await request(app.getHttpServer()).get('/bytes').set('If-None-Match', 'W/"0-nothing"');
    expect(stale.status).toBe(200);
    const head = await request(app.getHttpServer()).head('/bytes').set('Accept-Encoding', 'identity');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(headers['content-length']);
    expect(head.headers.etag).toBe(headers.etag);
  });

  it('encodes for a client that accepts it, brotli first, once per kept answer; small answers go as they are', async () => {
    const identity = await request(app.getHttpServer()).get('/bytes').set('Accept-Encoding', 'identity').buffer(true).parse(rawBody);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toBe('Accept-Encoding');
    const raw = (accepted: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const server = app.getHttpServer() as Server;
        if (!server.listening) server.listen(0, '127.0.0.1');
        const go = () => {
          const { port } = server.address() as AddressInfo;
          httpGet({ host: '127.0.0.1', port, path: '/bytes', headers: { 'Accept-Encoding': accepted } }, (res: IncomingMessage) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          }).on('error', reject);
        };
        if (server.listening) go();
        else server.once('listening', go);
      });
    for (const [accepted, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['br;q=0.5, gzip', 'gzip', gunzipSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const answer = await raw(accepted);
        expect(answer.headers['content-encoding']).toBe(encoding);
        expect(answer.headers.vary).toBe('Accept-Encoding');
        expect(answer.headers.etag).toBe(identity.headers.etag);
        expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
        expect(answer.body.length).toBeLessThan((identity.body as Buffer).length / 4);
        expect(Buffer.compare(decode(answer.body), identity.body as Buffer)).toBe(0);
      }
    }
    const small = await request(app.getHttpServer()).get('/small').set('Accept-Encoding', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBeUndefined();
    expect(small.body).toEqual({ ok: true });
  });
});

/** Rows that compress badly (random hex): about 1.3 MB of JSON, over 600 KB in gzip, past every buffer on the way. */
const noisy = Array.from({ length: 4000 }, (_, i) => ({ i, hex: randomBytes(160).toString('hex') }));

@Controller()
class NoisyController {
  @Get('noisy/bytes')
  bytes() {
    return jsonBytes({ noisy }, 1, new WeakMap());
  }

  @Get('noisy/plain')
  plain() {
    return { noisy };
  }

  @Get('noisy/streamed')
  streamed() {
    return streamedJson({ noisy }, 1);
  }
}

/**
 * With the compression middleware in front, as create-app.ts puts it: every kind of answer ends, and decodes to
 * the answer as it is. Written corked and compressed by the middleware, an answer whose encoded bytes passed the
 * socket's buffer never ended (the middleware waits for a drain that a corked response never gives).
 */
describe('answers of every kind behind the compression middleware', () => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [NoisyController] }).compile();
    app = module.createNestApplication(new LedgerExpressAdapter(), { logger: false });
    app.use(compressAnswers);
    await app.init();
    const server = app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => app.close());

  const fetchRaw = (path: string, accepted: string) =>
    new Promise<{ headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const req = httpGet({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': accepted } }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path} (${accepted}) did not end in 10 s`)));
      req.on('error', reject);
    });

  it.each([['noisy/bytes'], ['noisy/plain'], ['noisy/streamed']])('%s: ends, in brotli and in gzip, as the same JSON', async (path) => {
    const expected = JSON.stringify({ noisy });
    const plain = await fetchRaw(`/${path}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(expected);
    for (const [accepted, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const answer = await fetchRaw(`/${path}`, accepted);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.body.length).toBeGreaterThan(600_000);
      expect(decode(answer.body).toString('utf8')).toBe(expected);
    }
  });
});

describe('JsonBytes.encoded', () => {
  it('encodes once per encoding: the answer kept with its texts keeps its encoded bytes', async () => {
    const answer = jsonBytes({ lines }, 1, new WeakMap());
    const first = answer.encoded('br');
    expect(answer.encoded('br')).toBe(first);
    expect(answer.encoded('gzip')).not.toBe(first);
    expect(brotliDecompressSync(await first).toString('utf8')).toBe(JSON.stringify({ lines }));
  });
});

function rawBody(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
