import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LedgerExceptionFilter } from './http/http-errors';
import { validationException } from './http/validation-errors';
import { json } from 'express';
import { jsonParseErrors } from './http/json-parse-errors';
import { rejectUnstorableText } from './http/storable-text';
import { LedgerModule, type LedgerModuleOptions } from './ledger.module';

/** Builds the HTTP application (without listening): used by main.ts and by the end-to-end tests. */
export async function createApp(options: LedgerModuleOptions & { logger?: boolean }): Promise<INestApplication> {
  const app = await NestFactory.create(LedgerModule.forRoot(options), { logger: options.logger === false ? false : ['error', 'warn'], bodyParser: false });
  // Our own JSON parser, so a malformed body gets the same error shape (and rule) as every other 400.
  app.use(json({ limit: '1mb' }), jsonParseErrors, rejectUnstorableText);
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, exceptionFactory: validationException }),
  );
  app.useGlobalFilters(new LedgerExceptionFilter());
  const config = new DocumentBuilder()
    .setTitle('Renja Ledger API')
    .setDescription(
      'Event-sourced, tamper-evident audit ledger of Renja plans, pagu and realisasi. Amounts are decimal strings ("1653027794.00"). ' +
        'Writes need "Authorization: Bearer <token>" and accept Idempotency-Key and If-Match headers.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
