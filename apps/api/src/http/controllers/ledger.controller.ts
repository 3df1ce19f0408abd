import { msg } from '@renja/domain';
import { BadRequestException, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { authorize, LEDGER_INTEGRITY, VERIFICATION_MONITOR, type LedgerIntegrityService, type Principal } from '@renja/application';
import type { Request } from 'express';
import { reportIn, type VerificationMonitor } from '@renja/verification';
import { languageOf } from '../http-errors';
import { CurrentPrincipal, Public } from '../auth.guard';
import { ApiErrors } from '../openapi/api-errors';
import { ApiPublic, ApiSignedInWrite } from '../openapi/security';

function count(value: string | undefined, field: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value) || Number(value) < min)
    throw new BadRequestException({ message: msg('INVALID_VALUE.integer', { field, min, value }), field });
  return Number(value);
}

const required = (value: number | undefined, field: string): number => {
  if (value === undefined) throw new BadRequestException({ message: msg('INVALID_VALUE.required', { field }), field });
  return value;
};

/**
 * Tamper evidence over HTTP: signed checkpoints (C2SP tlog-checkpoint notes), the public key in
 * verifier-key form, and RFC 9162 proofs against issued checkpoints. See docs/verification.md.
 */
@ApiTags('ledger integrity')
@Controller('api/v1/ledger')
export class LedgerController {
  constructor(
    @Inject(LEDGER_INTEGRITY) private readonly integrity: LedgerIntegrityService,
    @Inject(VERIFICATION_MONITOR) private readonly verification: VerificationMonitor,
  ) {}

  @Public()
  @Get('verification')
  @ApiPublic()
  @ApiOperation({ summary: 'The result of the last full verification of the ledger (run at start, then hourly)' })
  @ApiOkResponse({ description: 'The last verification: when, how far, what it found' })
  verificationStatus(@Req() request: Request) {
    const status = this.verification.status();
    return { ...status, report: status.report && reportIn(status.report, languageOf(request)) };
  }

  @Post('verification')
  @HttpCode(200)
  @ApiSignedInWrite()
  @ApiOperation({ summary: 'Verify the whole ledger now: every hash, every link, every checkpoint; returns the report' })
  @ApiOkResponse({ description: 'The verification report' })
  async verifyNow(@CurrentPrincipal() principal: Principal, @Req() request: Request) {
    authorize(principal, { kind: 'verify-ledger' });
    return reportIn(await this.verification.run(), languageOf(request));
  }

  @Public()
  @Get('checkpoint')
  @ApiPublic()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'The latest checkpoint, as a signed note' })
  @ApiOkResponse({ description: 'A C2SP signed note (text/plain)' })
  async latest(): Promise<string> {
    return (await this.integrity.latest()).note;
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiSignedInWrite()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Issue a checkpoint of the current ledger now' })
  @ApiCreatedResponse({ description: 'The new checkpoint, a C2SP signed note (text/plain)' })
  async issue(@CurrentPrincipal() principal: Principal): Promise<string> {
    authorize(principal, { kind: 'issue-checkpoint' });
    return (await this.integrity.issue()).note;
  }

  @Public()
  @Get('checkpoints')
  @ApiPublic()
  @ApiOperation({ summary: 'Every checkpoint issued: size, root hash, time' })
  @ApiOkResponse({ description: 'The checkpoints, oldest first: size, rootHash (base64), issuedAt' })
  async list() {
    return (await this.integrity.list()).map((c) => ({ size: c.size, rootHash: c.rootHash.toString('base64'), issuedAt: c.issuedAt }));
  }

  @Public()
  @Get('checkpoints/:size')
  @ApiPublic()
  @ApiErrors(400, 404)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'The checkpoint issued at a tree size, as a signed note' })
  @ApiOkResponse({ description: 'A C2SP signed note (text/plain)' })
  async one(@Param('size') size: string): Promise<string> {
    return (await this.integrity.checkpoint(required(count(size, 'size', 0), 'size'))).note;
  }

  @Public()
  @Get('public-key')
  @ApiPublic()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: "The checkpoint signing key's public half, in C2SP verifier-key form" })
  @ApiOkResponse({ description: 'The verifier key, one line (text/plain)' })
  publicKey(): string {
    return `${this.integrity.verifierKey}\n`;
  }

  @Public()
  @Get('proofs/inclusion')
  @ApiPublic()
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Inclusion proof of the event at a position in a checkpoint (default: the latest)' })
  @ApiOkResponse({ description: 'The proof (RFC 9162): position, index, size, leafHash, rootHash, proof, checkpoint' })
  @ApiQuery({ name: 'position', description: 'Global position of the event (1-based)' })
  @ApiQuery({ name: 'size', required: false, description: 'Tree size of an issued checkpoint' })
  inclusion(@Query('position') position?: string, @Query('size') size?: string) {
    return this.integrity.inclusionProof(required(count(position, 'position', 1), 'position'), count(size, 'size', 1));
  }

  @Public()
  @Get('proofs/consistency')
  @ApiPublic()
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Consistency proof between two issued checkpoints' })
  @ApiOkResponse({ description: 'The proof (RFC 9162): from, to, their root hashes and checkpoints, proof' })
  @ApiQuery({ name: 'from', description: 'Size of the older checkpoint' })
  @ApiQuery({ name: 'to', description: 'Size of the newer checkpoint' })
  consistency(@Query('from') from?: string, @Query('to') to?: string) {
    return this.integrity.consistencyProof(required(count(from, 'from', 0), 'from'), required(count(to, 'to', 0), 'to'));
  }
}
