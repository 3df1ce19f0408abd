import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';
import { utf8Chunks, type KeptTexts } from './json-stream';

/**
 * A JSON answer already written as UTF-8 bytes: exactly what Express's `res.json(value)` would send for the
 * value (JSON.stringify with the app's default settings). Sent by LedgerExpressAdapter with the same headers,
 * the same weak ETag (computed from the same bytes), the same 304 for a matching If-None-Match and the same
 * HEAD answer as `res.json`.
 */
export class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

/**
 * The bytes of JSON.stringify(value), written member by member down to `depth` levels, with the text of each
 * object or array at the last level taken from `kept` (or kept there), by identity. For the report reader's
 * kept reports (report-memo.ts), whose lines and rows are the same arrays for as long as the lines they were
 * computed from are the same: a report asked for again is not serialised again (for an office ~0.6 MB, whose
 * JSON.stringify and UTF-8 encoding took ~10 ms of CPU a request), only its few small members are.
 */
export const jsonBytes = (value: unknown, depth: number, kept: KeptTexts): JsonBytes =>
  new JsonBytes(Buffer.concat([...utf8Chunks(value, depth, kept)]));

/** Nest's Express adapter, which also sends JsonBytes as they are (any other answer as before). */
export class LedgerExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!(body instanceof JsonBytes)) return super.reply(response, body, statusCode);
    if (statusCode) response.status(statusCode);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    return response.send(body.bytes);
  }
}
