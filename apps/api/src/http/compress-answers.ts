import compression from 'compression';
import { constants } from 'node:zlib';

/**
 * Answers of 1 KB or more, compressed for a client that accepts it: brotli (quality 4), else gzip (zlib's default
 * level). An office's plan on the bench's data set (670 lines) is 645,599 bytes of JSON: 34,171 in brotli at
 * quality 4 (2.2 ms of CPU on this machine) or 41,349 in gzip (3.2 ms). On an office's slow line that is the
 * difference between seconds and a moment. The web app's assets come compressed from the build (web-app.ts) and
 * pass through as they are, since they carry their Content-Encoding already. Answers that are compressed already
 * (PDF, XLSX) are left alone by their type.
 */
export const compressAnswers = compression({
  threshold: 1024,
  brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
});
