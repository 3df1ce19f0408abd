import { msg } from '@renja/domain';
import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { authorize, parseTokenGrant, TOKEN_ADMINISTRATION, type Principal, type TokenAdministration } from '@renja/application';
import { CurrentPrincipal, type AuthenticatedRequest } from '../auth.guard';
import { CreateTokenDto } from '../dto/token.dto';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedIn, ApiSignedInWrite } from '../openapi/security';

const ID = /^[\x21-\x7e]{1,200}$/;

function tokenId(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1)
    throw new BadRequestException({ message: msg('INVALID_VALUE.token_id', { value: value.slice(0, 40) }), field: 'id' });
  return Number(value);
}

function requestContext(request: AuthenticatedRequest) {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' && ID.test(value) ? value : undefined;
  };
  return { correlationId: header('x-correlation-id') ?? randomUUID(), causationId: header('x-causation-id') ?? null };
}

/** Admin API for API tokens; each grant and revocation is also recorded in the ledger. Secrets are shown once. */
@ApiTags('tokens')
@Controller('api/v1/tokens')
export class TokensController {
  constructor(@Inject(TOKEN_ADMINISTRATION) private readonly admin: TokenAdministration) {}

  @Post()
  @HttpCode(201)
  @ApiSignedInWrite()
  @ApiErrors(400, 413, 415)
  @ApiOperation({ summary: 'Grant a token: roles, offices, expiry. The secret is in the answer, once; only its hash is kept' })
  @ApiCreatedResponse({ description: 'Granted: the token (its secret, shown this once) and what it may do' })
  create(@Body() body: CreateTokenDto, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest) {
    authorize(principal, { kind: 'manage-tokens', offices: [] }); // the role first: a refused caller learns nothing from validation
    return this.admin.grant(principal, parseTokenGrant(body, new Date()), requestContext(request));
  }

  @Get()
  @ApiSignedIn()
  @ApiErrors(403)
  @ApiOperation({ summary: 'Tokens within the caller’s scope (never their secrets): roles, offices, expiry, last use, revocation' })
  @ApiOkResponse({ description: 'The tokens' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.admin.list(principal);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiSignedInWrite()
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Revoke a token' })
  @ApiOkResponse({ description: 'Revoked: the token as it now is' })
  revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest) {
    return this.admin.revoke(principal, tokenId(id), requestContext(request));
  }
}
