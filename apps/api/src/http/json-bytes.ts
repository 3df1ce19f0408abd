import { ExpressAdapter } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { answerEncoding, COMPRESS_FROM_BYTES, encodeAnswer, ENCODED_BY_THE_API, type AnswerEncoding } from './compress-answers';
import { jsonChunks, type KeptTexts } from './json-stream';

type EtagFn = (body: Buffer) => string | undefined;

/**
 * A JSON answer already written as UTF-8 bytes, in pieces: exactly what Express's `res.json(value)` would send
 * for the value (JSON.stringify with the app's default settings). Sent by LedgerExpressAdapter with the same
 * headers, the same weak ETag (of the same bytes), the same 304 for a matching If-None-Match and the same HEAD
 * answer as `res.json`.
 */
export class JsonBytes {
  readonly length: number;
  private etags: WeakMap<EtagFn, string | undefined> | undefined;

  constructor(readonly chunks: readonly Buffer[]) {
    this.length = chunks.reduce((sum, c) => sum + c.length, 0);
  }

  /** The bytes in each encoding asked for so far: an answer kept with its texts is encoded once, then sent as it is. */
  private encodings: Map<AnswerEncoding, Promise<Buffer>> | undefined;

  /** These bytes in `encoding`, encoded once. */
  encoded(encoding: AnswerEncoding): Promise<Buffer> {
    this.encodings ??= new Map();
    let bytes = this.encodings.get(encoding);
    if (!bytes) {
      bytes = encodeAnswer(Buffer.concat(this.chunks, this.length), encoding);
      // A failure is not kept: the next request encodes again.
      bytes.catch(() => this.encodings?.delete(encoding));
      this.encodings.set(encoding, bytes);
    }
    return bytes;
  }

  /** The ETag the app's `etag fn` gives these bytes (a SHA-1 of them), computed once. */
  etag(fn: EtagFn): string | undefined {
    this.etags ??= new WeakMap();
    if (!this.etags.has(fn)) this.etags.set(fn, fn(Buffer.concat(this.chunks, this.length)));
    return this.etags.get(fn);
  }
}

/** Answers kept with the first kept text they hold: the last few of each (the report at other points of view). */
const answers = new WeakMap<Buffer, Map<string, JsonBytes>>();
const ANSWERS_PER_TEXT = 4;
const textIds = new WeakMap<Buffer, number>();
let lastTextId = 0;
const textId = (text: Buffer): number => {
  let id = textIds.get(text);
  if (id === undefined) textIds.set(text, (id = ++lastTextId));
  return id;
};

/**
 * The bytes of JSON.stringify(value), written member by member down to `depth` levels, with the text of each
 * object or array at the last level taken from `kept` (or kept there), by identity. For the report reader's
 * kept reports (report-memo.ts), whose lines and rows are the same arrays for as long as the lines they were
 * computed from are the same: a report asked for again is not serialised again (for an office ~0.6 MB, whose
 * JSON.stringify, UTF-8 encoding and ETag took ~10 ms of CPU a request), only its few small members are, and
 * the answer they make with the kept texts is the one sent before, with its ETag.
 */
export function jsonBytes(value: unknown, depth: number, kept: KeptTexts): JsonBytes {
  const chunks = [...jsonChunks(value, depth, kept)];
  const texts = chunks.filter((c): c is Buffer => typeof c !== 'string');
  const whole = () => new JsonBytes(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
  if (texts.length === 0) return whole();
  // JSON text holds no U+0000, so the key names one sequence of pieces and kept texts.
  const key = chunks.map((c) => (typeof c === 'string' ? c : `\u0000${textId(c)}\u0000`)).join('');
  let same = answers.get(texts[0]);
  if (!same) answers.set(texts[0], (same = new Map()));
  let answer = same.get(key);
  if (!answer) {
    answer = whole();
    if (same.size >= ANSWERS_PER_TEXT) same.delete(same.keys().next().value!);
    same.set(key, answer);
  }
  return answer;
}

/**
 * Nest's Express adapter, which also sends JsonBytes: as they are, or in brotli or gzip for a client that accepts
 * it, encoded once per answer kept (any other answer as before).
 */
export class LedgerExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!(body instanceof JsonBytes)) return super.reply(response, body, statusCode);
    // As Express's res.send does for a body of bytes, without first copying the pieces into one.
    if (statusCode) response.status(statusCode);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', body.length);
    // Encoded here, not by the compression middleware (compress-answers.ts), which never ended a corked response.
    response.locals[ENCODED_BY_THE_API] = true;
    if (body.length >= COMPRESS_FROM_BYTES) response.vary('Accept-Encoding');
    const etagFn = response.app.get('etag fn') as EtagFn | undefined;
    if (typeof etagFn === 'function' && !response.get('ETag')) {
      const etag = body.etag(etagFn);
      if (etag) response.setHeader('ETag', etag);
    }
    const request = response.req as Request;
    if (request.fresh) {
      response.status(304);
      for (const header of ['Content-Type', 'Content-Length', 'Transfer-Encoding']) response.removeHeader(header);
      return response.end();
    }
    const encoding = answerEncoding(request, body.length);
    if (encoding === null) return sendAsItIs(response, request, body);
    body.encoded(encoding).then(
      (bytes) => {
        response.setHeader('Content-Encoding', encoding);
        response.setHeader('Content-Length', bytes.length);
        if (request.method === 'HEAD') response.end();
        else response.end(bytes);
      },
      // The headers are not sent yet: the answer goes as it is, which every client reads.
      () => sendAsItIs(response, request, body),
    );
    return response;
  }
}

/** The bytes as they are, corked: one write to the socket for the pieces. */
function sendAsItIs(response: Response, request: Request, body: JsonBytes): Response {
  if (request.method === 'HEAD') return response.end();
  response.cork();
  for (const chunk of body.chunks) response.write(chunk);
  response.end();
  return response;
}
