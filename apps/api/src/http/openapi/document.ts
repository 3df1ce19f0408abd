import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorBodySchema } from './error-body';
import { addSecuritySchemes } from './security';

/** The document's metadata: title, the one server (this one), the security schemes the routes name. */
export function openApiConfig(): Omit<OpenAPIObject, 'paths'> {
  const builder = new DocumentBuilder()
    .setTitle('Renja Ledger API')
    .setDescription(
      'Event-sourced, tamper-evident audit ledger of Renja plans, pagu and realisasi. Amounts are decimal strings ("1653027794.00"). ' +
        'Every route except the public ledger routes and sign-in needs "Authorization: Bearer <token>" (an API token or an OpenID Connect JWT) ' +
        'or the browser session cookie (writes with the cookie also send X-CSRF-Token); ' +
        'roles and office scopes decide what it may do (docs/security.md). Writes accept Idempotency-Key and If-Match headers. ' +
        'Every error answer has the ErrorBody shape, its message in the language of Accept-Language.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    // Relative: the API is served by each deployment at its own address, the document with it (/api/docs-json).
    .addServer('/', 'This Renja Ledger server');
  return addSecuritySchemes(builder).build();
}

/** The OpenAPI document of the app's routes, as served at /api/docs-json. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, openApiConfig(), { extraModels: [ErrorBodySchema] });
}
