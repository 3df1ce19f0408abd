import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { createOpenApiDocument } from './http/openapi/document';
import { LedgerExceptionFilter, type RefusalLog } from './http/http-errors';
import { compressAnswers } from './http/compress-answers';
import { cors, rejectMalformedPath, securityHeaders } from './http/hardening';
import { checkJsonStructure } from './http/json-structure';
import { requireJsonObjectBody } from './http/request-body';
import type { SecurityConfig } from '@renja/infrastructure/config/config';
import { validationException } from './http/validation-errors';
import { json } from 'express';
import { jsonParseErrors } from './http/json-parse-errors';
import { LedgerExpressAdapter } from './http/json-bytes';
import { rejectUnstorableText } from './http/storable-text';
import { LedgerModule, type LedgerModuleOptions } from './ledger.module';
import { defaultWebRoot, serveWebApp } from './http/web-app';
import type { Logger } from 'pino';
import { PLAN_PROJECTOR, VERIFICATION_MONITOR } from '@renja/application';
import type { SupervisedStatus } from '@renja/infrastructure/database/embedded-postgres';
import { createLogger, NestPinoLogger } from './ops/logger';
import { LedgerHealth } from './ops/ledger-health';
import { opsRoutes, requestHooks, ServingState } from './ops/ops-http';

/** What createApp needs besides the ledger module's options: the security settings and where refusals go. */
export interface AppOptions extends Omit<LedgerModuleOptions, 'security'> {
  logger?: boolean;
  security?: Partial<SecurityConfig>;
  /** Where refused attempts (401/403) are logged; default: the Nest logger (warn). */
  onRefusal?: RefusalLog;
  /** The built web app (index.html, assets/); default <repo root>/dist/web. */
  webRoot?: string;
  /** The JSON logger; default a new one (RENJA_LOG_FORMAT). */
  log?: Logger;
  /** Requests in flight and whether the server stops, shared with main's graceful stop. */
  serving?: ServingState;
  /** The embedded PostgreSQL's supervision, reported by /health/ready. */
  embeddedStatus?: () => SupervisedStatus;
}

/** Builds the HTTP application (without listening): used by main.ts and by the end-to-end tests. */
export async function createApp(options: AppOptions): Promise<INestApplication> {
  const security: SecurityConfig = {
    maxBodyBytes: 1_048_576,
    rateLimitPerMinute: 1200,
    corsOrigins: [],
    oidc: null,
    sessionHours: 8,
    trustProxy: null,
    ...options.security,
  };
  // logger: false (the tests) silences the request log too.
  const log = options.log ?? createLogger();
  if (options.logger === false && !options.log) log.level = 'silent';
  const app = await NestFactory.create(LedgerModule.forRoot({ ...options, security }), new LedgerExpressAdapter(), {
    logger: options.logger === false ? false : new NestPinoLogger(log),
    bodyParser: false,
  });
  const serving = options.serving ?? new ServingState();
  const health = new LedgerHealth({
    pool: options.pool,
    projector: app.get(PLAN_PROJECTOR),
    verification: app.get(VERIFICATION_MONITOR),
    embedded: options.embeddedStatus,
    stopping: () => serving.stopping,
  });
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void; set(setting: string, value: unknown): void };
  express.disable('x-powered-by');
  // Behind a reverse proxy (RENJA_TRUST_PROXY): request.secure and request.ip follow X-Forwarded-Proto/-For.
  if (security.trustProxy !== null) express.set('trust proxy', security.trustProxy);
  // Request id, logs and metrics first; /health/* and /metrics (no token) before the web app's catch-all.
  app.use(
    requestHooks(log, serving),
    securityHeaders,
    cors(security.corsOrigins),
    rejectMalformedPath,
    compressAnswers,
    opsRoutes(health),
    serveWebApp(options.webRoot ?? defaultWebRoot()),
  );
  // Our own JSON parser, so a malformed body gets the same error shape (and rule) as every other 400;
  // its shape (depth, duplicate keys) is checked on the raw text first.
  app.use(
    json({ limit: security.maxBodyBytes, verify: (_request, _response, raw) => checkJsonStructure(raw.toString('utf8')) }),
    jsonParseErrors,
    requireJsonObjectBody,
    rejectUnstorableText,
  );
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, exceptionFactory: validationException }),
  );
  app.useGlobalFilters(new LedgerExceptionFilter(options.onRefusal));
  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
