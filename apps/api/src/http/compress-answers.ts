import compression from 'compression';
import type { Request, Response } from 'express';
import Negotiator from 'negotiator';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Answers below this many bytes travel as they are: the encoding's own bytes and time would not pay. */
export const COMPRESS_FROM_BYTES = 1024;

/** Brotli's quality for answers: 4 of 11, fast enough for a request (about 3 ms of CPU for an office's 0.6 MB plan). */
const BROTLI_QUALITY = 4;

/** The encodings the API writes itself, best first. */
export type AnswerEncoding = 'br' | 'gzip';

/**
 * The encoding to send `request` an answer of `bytes` in: brotli when the client accepts it at least as much as gzip,
 * else gzip, else none (null: as it is). Browsers list gzip first with the same weight ("gzip, deflate, br, zstd"),
 * so the order of the list does not decide, the weights (q) do: chosen by negotiator with brotli preferred, as the
 * compression middleware below chooses.
 */
export function answerEncoding(request: Request, bytes: number): AnswerEncoding | null {
  if (bytes < COMPRESS_FROM_BYTES) return null;
  const chosen = new Negotiator(request).encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip'] });
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/** `body` encoded as `encoding`, off the event loop (zlib's thread pool). */
export function encodeAnswer(body: Buffer, encoding: AnswerEncoding): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, result: Buffer) => (error ? reject(error) : resolve(result));
    if (encoding === 'br')
      brotliCompress(
        body,
        { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } },
        done,
      );
    else gzip(body, done);
  });
}

/** Set on an answer that the API encodes itself (or sends as it is on purpose): the middleware leaves it alone. */
export const ENCODED_BY_THE_API = 'renjaEncodedByTheApi';

/**
 * Answers of 1 KB or more, compressed for a client that accepts it: brotli (quality 4), else gzip (zlib's default
 * level). The answers measured on the bench's province (40 offices, 488,440 events):
 * - the province reconciliation, sent while it is written (json-stream.ts): 23,667,510 bytes of JSON, 1,631,726 in
 *   gzip and 1,388,132 in brotli, in 0.24–0.27 s on the loopback;
 * - an office's plan (670 lines): 645,599 bytes, 23,919 in brotli.
 * On an office's slow line that is the difference between minutes and seconds.
 *
 * Left alone: the web app's assets, which come compressed from the build (web-app.ts) with their Content-Encoding;
 * files compressed inside already (PDF, XLSX), by their type; and the answers written whole as bytes
 * (LedgerExpressAdapter), which encode themselves and keep the encoded bytes with the answer. Those are written
 * corked, and this middleware, which pauses its encoder until the response drains, waited forever on a corked
 * response: an office's reconciliation for a client that accepts gzip never ended.
 */
export const compressAnswers = compression({
  threshold: COMPRESS_FROM_BYTES,
  brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  filter: (request: Request, response: Response) => response.locals[ENCODED_BY_THE_API] !== true && compression.filter(request, response),
});
