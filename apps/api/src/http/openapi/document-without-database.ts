import 'reflect-metadata';
import { Module, type InjectionToken, type Provider, type Type } from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PARAMTYPES_METADATA,
  PIPES_METADATA,
  ROUTE_ARGS_METADATA,
  SELF_DECLARED_DEPS_METADATA,
} from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { LedgerModule, type LedgerModuleOptions } from '../../ledger.module';
import { createOpenApiDocument } from './document';

/** Options that are never used: only the module's list of controllers is read, no provider is created. */
const UNUSED: LedgerModuleOptions = {
  databaseUrl: 'postgres://unused',
  pool: {} as Pool,
  ledgerKey: { origin: 'unused', signer: {} as LedgerModuleOptions['ledgerKey']['signer'], verifierKey: 'unused' },
};

/** What a class's constructor asks for: its parameter types, or the token an @Inject() names instead. */
function constructorDependencies(type: Type): InjectionToken[] {
  const types = (Reflect.getMetadata(PARAMTYPES_METADATA, type) ?? []) as InjectionToken[];
  const named = (Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, type) ?? []) as Array<{ index: number; param: InjectionToken }>;
  return types.map((t, index) => named.find((d) => d.index === index)?.param ?? t);
}

const isClass = (value: unknown): value is Type => typeof value === 'function';

/** The guards, interceptors, pipes and filters a controller names by class: Nest creates them in the module too. */
function enhancers(controller: Type): Type[] {
  const listed = (target: object) =>
    [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA].flatMap(
      (key) => (Reflect.getMetadata(key, target) ?? []) as unknown[],
    );
  const methods = Object.getOwnPropertyNames(controller.prototype).filter(
    (name) => name !== 'constructor' && typeof (controller.prototype as Record<string, unknown>)[name] === 'function',
  );
  const named = listed(controller).concat(
    methods.flatMap((name) => {
      const handler = (controller.prototype as Record<string, object>)[name];
      const args = Object.values(
        (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { pipes?: unknown[] }>,
      );
      return [...listed(handler), ...args.flatMap((arg) => arg.pipes ?? [])];
    }),
  );
  return named.filter(isClass);
}

/** Every token the controllers and their enhancers need. */
function dependencies(controller: Type): InjectionToken[] {
  return [controller, ...enhancers(controller)].flatMap(constructorDependencies);
}

/**
 * The OpenAPI document the server serves at /api/docs-json, built without PostgreSQL: the same controllers
 * as LedgerModule (whose decorators are all the document is made of), each given empty stand-ins for what
 * it needs, since no request is ever handled. Used by `npm run lint:openapi` (scripts/lint-openapi.mjs);
 * test/e2e/openapi.e2e-spec.ts checks that it equals the document the running server serves.
 */
export async function openApiDocumentWithoutDatabase(): Promise<OpenAPIObject> {
  const controllers = LedgerModule.forRoot(UNUSED).controllers ?? [];
  const tokens = new Set(controllers.flatMap(dependencies));
  const providers: Provider[] = [...tokens].map((token) => ({ provide: token, useValue: {} }));
  @Module({ controllers, providers })
  class DocumentOnlyModule {}
  const app = await NestFactory.create(DocumentOnlyModule, { logger: false, bodyParser: false, abortOnError: false });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
