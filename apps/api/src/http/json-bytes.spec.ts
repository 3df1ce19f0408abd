import { Controller, Get, Query, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { KeptTexts } from './json-stream';
import { jsonBytes, LedgerExpressAdapter } from './json-bytes';

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
    const plain = await request(app.getHttpServer()).get('/plain').buffer(true).parse(rawBody);
    for (let i = 0; i < 2; i++) {
      const bytes = await request(app.getHttpServer()).get('/bytes').buffer(true).parse(rawBody);
      expect(bytes.status).toBe(200);
      expect(Buffer.compare(bytes.body as Buffer, plain.body as Buffer)).toBe(0);
      for (const header of ['content-type', 'content-length', 'etag']) expect(bytes.headers[header]).toBe(plain.headers[header]);
    }
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    // The same kept lines with other members around them: another answer, its own bytes and ETag.
    for (const validAt of ['2023-10-31', '2023-06-30', '2023-10-31']) {
      const [bytes, expected] = await Promise.all(
        ['/bytes', '/plain'].map((path) => request(app.getHttpServer()).get(path).query({ validAt }).buffer(true).parse(rawBody)),
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
    const head = await request(app.getHttpServer()).head('/bytes');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(headers['content-length']);
    expect(head.headers.etag).toBe(headers.etag);
  });
});

function rawBody(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
