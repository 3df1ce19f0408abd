import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import {
  CHECKPOINTER,
  Checkpointer,
  commandHandlers,
  EVENT_STORE,
  ImportService,
  LEDGER_INTEGRITY,
  LEDGER_TREE,
  LedgerIntegrityService,
  PG_POOL,
  PLAN_PROJECTOR,
  LedgerPipeline,
  READ_MODEL_WAITER,
  TOKEN_ADMINISTRATION,
  TOKEN_STORE,
  TokenAdministration,
  VERIFICATION_MONITOR,
  DEFAULT_IMPORT_MAX_ROWS,
} from '@renja/application';
import { LedgerTree, PostgresEventStore, type EventStore } from '@renja/event-store';
import { VerificationMonitor } from '@renja/verification';
import type { LedgerKey } from '@renja/infrastructure/integrity/ledger-key';
import { TokenStore } from '@renja/infrastructure/auth/token-store';
import { ledgerPoolConfig } from '@renja/infrastructure/database/pool-config';
import { SessionStore } from '@renja/infrastructure/auth/session-store';
import { PlanProjection, PlanReader, Projector, readModelDataSourceOptions } from '@renja/projections';
import { APP_GUARD } from '@nestjs/core';
import type { SecurityConfig } from '@renja/infrastructure/config/config';
import { OidcVerifier } from '@renja/infrastructure/auth/oidc';
import { AUTHENTICATOR, BearerTokenGuard, RATE_LIMITER } from './http/auth.guard';
import { Authenticator } from './http/authenticator';
import { RateLimiter } from './http/rate-limiter';
import { PaperSources } from './http/paper-sources';
import { TokensController } from './http/controllers/tokens.controller';
import { CorrectionsController } from './http/controllers/corrections.controller';
import { LedgerController } from './http/controllers/ledger.controller';
import { LinesController } from './http/controllers/lines.controller';
import { OfficeYearController } from './http/controllers/office-year.controller';
import { OfficesController } from './http/controllers/offices.controller';
import { ReportsController } from './http/controllers/reports.controller';
import { ImportsController } from './http/controllers/imports.controller';
import { SessionController } from './http/controllers/session.controller';
import { OIDC_LOGIN, OidcLoginController } from './http/controllers/oidc-login.controller';
import { OidcLogin } from './http/oidc-login';
import { WorkbenchController } from './http/controllers/workbench.controller';
import { EvidenceController } from './http/controllers/evidence.controller';
import { EvaluationRecordsController } from './http/controllers/evaluation-records.controller';
import { SESSION_HOURS, SESSION_STORE } from './http/web-session';
import { loadConfig } from '@renja/infrastructure/config/config';
import { instrumentAppends } from './ops/metrics';

export interface LedgerModuleOptions {
  databaseUrl: string;
  /** Pool used by the event store and token store; owned by the caller. */
  pool: Pool;
  /** The checkpoint signing key. */
  ledgerKey: Pick<LedgerKey, 'origin' | 'signer' | 'verifierKey'>;
  checkpoints?: { everyEvents: number; everySeconds: number };
  /** Re-verify the whole ledger at start and this often (minutes); 0 turns the background runs off. */
  verifyEveryMinutes?: number;
  /** Rate limit, OpenID Connect, browser session length; see loadSecurityConfig. */
  security?: Pick<SecurityConfig, 'rateLimitPerMinute' | 'oidc'> & Partial<Pick<SecurityConfig, 'sessionHours'>>;
  /** Largest import (all files together); default RENJA_IMPORT_MAX_BYTES. */
  importMaxBytes?: number;
}

/** Wires the ports to PostgreSQL: event store, read models (TypeORM), tokens, command handlers. */
@Module({})
export class LedgerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PLAN_PROJECTOR) private readonly projector: Projector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINTER) private readonly checkpointer: Checkpointer,
    @Inject(VERIFICATION_MONITOR) private readonly verification: VerificationMonitor,
  ) {}

  static forRoot(options: LedgerModuleOptions): DynamicModule {
    return {
      module: LedgerModule,
      imports: [
        CqrsModule.forRoot(),
        TypeOrmModule.forRoot(readModelDataSourceOptions(options.databaseUrl, ledgerPoolConfig(options.databaseUrl, 'read-models'))),
      ],
      controllers: [
        OfficesController,
        LinesController,
        OfficeYearController,
        CorrectionsController,
        LedgerController,
        ReportsController,
        TokensController,
        ImportsController,
        SessionController,
        OidcLoginController,
        WorkbenchController,
        EvidenceController,
        EvaluationRecordsController,
      ],
      providers: [
        { provide: PG_POOL, useValue: options.pool },
        { provide: EVENT_STORE, useFactory: (pool: Pool) => instrumentAppends(new PostgresEventStore(pool)), inject: [PG_POOL] },
        { provide: TOKEN_STORE, useFactory: (pool: Pool) => new TokenStore(pool), inject: [PG_POOL] },
        { provide: SESSION_STORE, useFactory: (pool: Pool) => new SessionStore(pool), inject: [PG_POOL] },
        { provide: SESSION_HOURS, useValue: options.security?.sessionHours ?? 8 },
        {
          provide: OIDC_LOGIN,
          useValue: options.security?.oidc?.login ? new OidcLogin(options.security.oidc, options.security.oidc.login) : null,
        },
        {
          provide: PLAN_PROJECTOR,
          useFactory: (dataSource: DataSource, store: EventStore) =>
            new Projector(dataSource, store, new PlanProjection(), { log: new Logger('Projector') }),
          inject: [DataSource, EVENT_STORE],
        },
        { provide: LEDGER_TREE, useFactory: (pool: Pool) => new LedgerTree(pool), inject: [PG_POOL] },
        {
          provide: CHECKPOINTER,
          useFactory: (tree: LedgerTree) =>
            new Checkpointer(tree, { origin: options.ledgerKey.origin, signer: options.ledgerKey.signer, ...options.checkpoints }),
          inject: [LEDGER_TREE],
        },
        {
          provide: LEDGER_INTEGRITY,
          useFactory: (tree: LedgerTree, checkpointer: Checkpointer) =>
            new LedgerIntegrityService(tree, checkpointer, options.ledgerKey.verifierKey),
          inject: [LEDGER_TREE, CHECKPOINTER],
        },
        {
          provide: VERIFICATION_MONITOR,
          useFactory: (pool: Pool) => new VerificationMonitor(pool, options.ledgerKey.verifierKey, options.verifyEveryMinutes ?? 60),
          inject: [PG_POOL],
        },
        { provide: PlanReader, useFactory: (dataSource: DataSource) => new PlanReader(dataSource), inject: [DataSource] },
        PaperSources,
        {
          provide: TOKEN_ADMINISTRATION,
          useFactory: (tokens: TokenStore, store: EventStore) => new TokenAdministration(tokens, store),
          inject: [TOKEN_STORE, EVENT_STORE],
        },
        {
          provide: AUTHENTICATOR,
          useFactory: (tokens: TokenStore) =>
            new Authenticator(tokens, options.security?.oidc ? new OidcVerifier(options.security.oidc) : null),
          inject: [TOKEN_STORE],
        },
        { provide: RATE_LIMITER, useValue: new RateLimiter(options.security?.rateLimitPerMinute ?? 1200) },
        {
          provide: ImportService,
          useFactory: (store: EventStore, pipeline: LedgerPipeline) =>
            new ImportService(store, pipeline, {
              maxBytes: options.importMaxBytes ?? loadConfig().importMaxBytes,
              maxRows: DEFAULT_IMPORT_MAX_ROWS,
            }),
          inject: [EVENT_STORE, LedgerPipeline],
        },
        // The application's read-your-writes port is this app's projector.
        { provide: READ_MODEL_WAITER, useExisting: PLAN_PROJECTOR },
        LedgerPipeline,
        BearerTokenGuard,
        { provide: APP_GUARD, useExisting: BearerTokenGuard },
        ...commandHandlers,
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
    await this.checkpointer.start(this.store);
    this.verification.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.verification.stop();
    await this.checkpointer.stop();
    await this.projector.stop();
    await this.store.close();
  }
}
