import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Where `npm run build` puts the web app: <repo root>/dist/web. The root is the nearest folder above
 * this file with a package.json (dist/apps/api/src when compiled, apps/api/src under Jest), else the
 * working directory.
 */
export function defaultWebRoot(from = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    if (dirname(dir) === dir) return join(process.cwd(), 'dist', 'web');
  }
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Renja Ledger</title><p>The web app is not built: run <code>npm run build</code> and restart. The API is at <a href="/api/docs">/api/docs</a>.</p>\n';

/** Fingerprinted assets: their names change with their content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The compressed copies the build writes beside each asset (apps/web/vite.config.mts `precompress`), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/**
 * An asset's compressed copy, when the browser accepts its encoding: the app's scripts are about a third of their
 * size in gzip and less in brotli, which an office on a slow line feels on its first visit. Compressed once at
 * build time, not for every response. Every asset answer varies by Accept-Encoding, for caches between.
 */
function precompressedAsset(webRoot: string) {
  const assets = join(resolve(webRoot), 'assets') + sep;
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!request.path.startsWith('/assets/')) return next();
    response.vary('Accept-Encoding');
    let file: string;
    try {
      file = resolve(webRoot, `.${decodeURIComponent(request.path)}`);
    } catch {
      return next(); // a malformed escape: express.static answers it
    }
    if (!file.startsWith(assets)) return next();
    for (const { encoding, suffix } of PRECOMPRESSED) {
      if (request.acceptsEncodings(encoding) !== encoding || !existsSync(file + suffix)) continue;
      // The type of the asset itself, not of its compressed file.
      response.type(extname(file));
      response.setHeader('Content-Encoding', encoding);
      response.setHeader('Cache-Control', IMMUTABLE);
      return response.sendFile(file + suffix, { acceptRanges: false }, (error) => (error ? next(error) : undefined));
    }
    next();
  };
}

/**
 * The web app (a single-page app): its files, fingerprinted assets cached for a year (compressed when the
 * build wrote a copy the browser accepts), index.html never cached, and index.html for every other GET/HEAD
 * outside /api/ (deep links such as /2022/DKUKM/lines/…).
 */
export function serveWebApp(webRoot: string) {
  const files = express.static(webRoot, {
    index: false,
    fallthrough: true,
    setHeaders: (response, path) => {
      const relative = path.slice(webRoot.length).replace(/\\/g, '/');
      response.setHeader('Cache-Control', relative.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
    },
  });
  const compressed = precompressedAsset(webRoot);
  const index = join(webRoot, 'index.html');
  return (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) return next();
    compressed(request, response, () =>
      files(request, response, () => {
        if (!existsSync(index)) {
          if (request.path !== '/') return next();
          response.status(200).type('html').setHeader('Cache-Control', 'no-cache');
          response.send(NOT_BUILT);
          return;
        }
        if (request.path.startsWith('/assets/')) return next(); // a missing asset is a 404, not the app
        response.setHeader('Cache-Control', 'no-cache');
        response.sendFile(index, (error) => (error ? next(error) : undefined));
      }),
    );
  };
}
