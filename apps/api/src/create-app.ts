import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LedgerExceptionFilter, type RefusalLog } from './http/http-errors';
import { cors, rejectMalformedPath, securityHeaders } from './http/hardening';
import { checkJsonStructure } from './http/json-structure';
import { requireJsonObjectBody } from './http/request-body';
import type { SecurityConfig } from '@renja/infrastructure/config/config';
import { validationException } from './http/validation-errors';
import { json } from 'express';
import { jsonParseErrors } from './http/json-parse-errors';
import { rejectUnstorableText } from './http/storable-text';
import { LedgerModule, type LedgerModuleOptions } from './ledger.module';
import { defaultWebRoot, serveWebApp } from './http/web-app';

/** What createApp needs besides the ledger module's options: the security settings and where refusals go. */
export interface AppOptions extends Omit<LedgerModuleOptions, 'security'> {
  logger?: boolean;
  security?: Partial<SecurityConfig>;
  /** Where refused attempts (401/403) are logged; default: the Nest logger (warn). */
  onRefusal?: RefusalLog;
  /** The built web app (index.html, assets/); default <repo root>/dist/web. */
  webRoot?: string;
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
  const app = await NestFactory.create(LedgerModule.forRoot({ ...options, security }), {
    logger: options.logger === false ? false : ['error', 'warn'],
    bodyParser: false,
  });
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void; set(setting: string, value: unknown): void };
  express.disable('x-powered-by');
  // Behind a reverse proxy (RENJA_TRUST_PROXY): request.secure and request.ip follow X-Forwarded-Proto/-For.
  if (security.trustProxy !== null) express.set('trust proxy', security.trustProxy);
  app.use(securityHeaders, cors(security.corsOrigins), rejectMalformedPath, serveWebApp(options.webRoot ?? defaultWebRoot()));
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
  const config = new DocumentBuilder()
    .setTitle('Renja Ledger API')
    .setDescription(
      'Event-sourced, tamper-evident audit ledger of Renja plans, pagu and realisasi. Amounts are decimal strings ("1653027794.00"). ' +
        'Every route except the public ledger routes needs "Authorization: Bearer <token>" (an API token or an OpenID Connect JWT); ' +
        'roles and office scopes decide what it may do (docs/security.md). Writes accept Idempotency-Key and If-Match headers.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
