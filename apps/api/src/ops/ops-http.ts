import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { readYourWrites } from '@renja/projections';
import { ServiceUnavailableException } from '@nestjs/common';
import { msg } from '@renja/domain';
import { sendError } from '../http/http-errors';
import { RETRY_AFTER_SECONDS } from './database-availability';
import type { LedgerHealth } from './ledger-health';
import { httpDuration, httpRequests, registry } from './metrics';
import { requestContext } from './request-context';

/** What the server's stop needs to know and to tell: requests in flight, and whether it is stopping. */
export class ServingState {
  stopping = false;
  inFlight = 0;
  private readonly drained = new Set<() => void>();

  enter(): void {
    this.inFlight += 1;
  }

  leave(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) for (const done of this.drained) done();
  }

  /** Resolves once no request is in flight, or after `ms`; answers whether they all finished. */
  drain(ms: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (finished: boolean) => {
        clearTimeout(timer);
        this.drained.delete(onDrained);
        resolve(finished);
      };
      const onDrained = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.drained.add(onDrained);
    });
  }
}

/** Paths outside the API and the web app: health for supervisors and load balancers, metrics for Prometheus. */
export const OPS_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

function requestIdOf(request: IncomingMessage): string {
  for (const name of ['x-request-id', 'x-correlation-id']) {
    const value = request.headers[name];
    if (typeof value === 'string' && REQUEST_ID.test(value)) return value;
  }
  return randomUUID();
}

/** The Express route pattern that answered (/api/v1/offices/:office), never the raw path (unbounded label values). */
function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${request.baseUrl}${route.path}`;
  if (OPS_PATHS.has(request.path)) return request.path;
  return request.path.startsWith('/api/') ? 'unmatched' : 'web';
}

/**
 * Headers decided when the answer is written, whoever writes it (a controller, the exception filter,
 * a guard's refusal): Retry-After on a 503, and X-Read-Model when this request's write is not yet
 * visible in the read model.
 */
function onWriteHead(response: ServerResponse, state: ServingState): void {
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  response.writeHead = (...args: unknown[]) => {
    const status = typeof args[0] === 'number' ? args[0] : response.statusCode;
    if (status === 503 && !response.hasHeader('Retry-After')) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    const behind = readYourWrites.behindAt();
    if (behind !== null && status < 400) response.setHeader('X-Read-Model', `behind; position=${behind}`);
    if (state.stopping) response.setHeader('Connection', 'close');
    return writeHead(...args);
  };
}

/**
 * First in the chain: a request id (the client's X-Request-Id, else X-Correlation-Id, else a new one),
 * echoed in X-Request-Id, on every log line and, when the client sent no X-Correlation-Id, as the
 * correlation id of the events it writes; counted for /metrics; logged once answered; refused with 503
 * once the server is stopping.
 */
export function requestHooks(logger: Logger, state: ServingState) {
  const log = pinoHttp({
    logger,
    genReqId: (request) => (request as IncomingMessage & { id: string }).id,
    customAttributeKeys: { reqId: 'requestId' },
    // 503 (database restarting, server stopping) is expected and retried: a warning, not an error.
    customLogLevel: (_request, response, error) =>
      response.statusCode === 503 ? 'warn' : error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    // pino-http invents an Error for every 5xx; the exception filter has already logged the real one.
    customErrorObject: (_request, _response, _error, value: Record<string, unknown>) => ({ ...value, err: undefined }),
    customSuccessMessage: (request, response, ms) =>
      `${request.method} ${(request.url ?? '').split('?')[0]} ${response.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (request, response) => `${request.method} ${(request.url ?? '').split('?')[0]} ${response.statusCode}`,
    // Only what identifies the request: no headers (tokens, cookies), no query string (sign-in codes).
    serializers: {
      req: (r: { method?: string; url?: string }) => ({ method: r.method, path: (r.url ?? '').split('?')[0] }),
      res: (r: { statusCode?: number }) => ({ statusCode: r.statusCode }),
    },
    autoLogging: { ignore: (request) => OPS_PATHS.has((request.url ?? '').split('?')[0]) },
    quietReqLogger: true,
  });
  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = requestIdOf(request);
    (request as Request & { id: string }).id = requestId;
    if (request.headers['x-correlation-id'] === undefined) request.headers['x-correlation-id'] = requestId;
    response.setHeader('X-Request-Id', requestId);
    onWriteHead(response, state);
    state.enter();
    const started = process.hrtime.bigint();
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      state.leave();
      const route = routeOf(request);
      httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
      httpDuration.observe({ method: request.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    };
    response.on('finish', leave);
    response.on('close', leave);
    requestContext.run({ requestId }, () =>
      readYourWrites.run(() => {
        log(request, response);
        if (state.stopping && !OPS_PATHS.has(request.path)) {
          sendError(request, response, serverStopping());
          return;
        }
        next();
      }),
    );
  };
}

/** 503 SERVER_STOPPING: a request that arrives while the server drains, said in the request's language. */
export const serverStopping = (): ServiceUnavailableException =>
  new ServiceUnavailableException({ message: msg('SERVER_STOPPING', { seconds: RETRY_AFTER_SECONDS }), rule: 'SERVER_STOPPING' });

/** GET /health/live, /health/ready and /metrics: no token, no ledger content (counts, positions, ages, states). */
export function opsRoutes(health: LedgerHealth, startedAt = Date.now()) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !OPS_PATHS.has(request.path)) return next();
    response.setHeader('Cache-Control', 'no-store');
    if (request.path === '/health/live') {
      response.status(200).json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
      return;
    }
    if (request.path === '/health/ready') {
      health
        .readiness()
        .then((report) => response.status(report.status === 'ok' ? 200 : 503).json(report))
        .catch(next);
      return;
    }
    health
      .readiness() // refreshes the ledger gauges
      .catch(() => undefined)
      .then(() => registry.metrics())
      .then((text) => response.status(200).type(registry.contentType).send(text))
      .catch(next);
  };
}
