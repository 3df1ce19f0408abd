import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { officeStreamId, parseOfficeCode } from '@renja/domain';
import {
  inScope,
  RegisterOfficeCommand,
  SetOfficeSignatoryCommand,
  type CommandMetadata,
  type CommandResult,
  type Principal,
} from '@renja/application';
import { CurrentPrincipal } from '../auth.guard';
import { PlanReader } from '@renja/projections';
import { RegisterOfficeDto } from '../dto/office.dto';
import { SetOfficeSignatoryDto } from '../dto/office-signatory.dto';
import { WriteMetadata } from '../write-metadata';
import { writeResponse } from '../write-response';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedIn, ApiSignedInWrite } from '../openapi/security';

@ApiTags('offices')
@Controller('api/v1/offices')
export class OfficesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: PlanReader,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiSignedInWrite()
  @ApiErrors(400, 409, 412, 413, 415, 422)
  @ApiOperation({ summary: 'Register an office (perangkat daerah)' })
  @ApiCreatedResponse({ description: 'Registered: the office code and the write result (eventIds, version, position, replayed)' })
  async register(@Body() body: RegisterOfficeDto, @WriteMetadata() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    const result: CommandResult = await this.commands.execute(new RegisterOfficeCommand(body, meta));
    return { code: parseOfficeCode(body.code), ...writeResponse(res, result, officeStreamId(parseOfficeCode(body.code))) };
  }

  @Put(':office/signatory')
  @HttpCode(200)
  @ApiSignedInWrite()
  @ApiErrors(400, 404, 409, 412, 413, 415, 422)
  @ApiOperation({
    summary:
      "Who signs the office's papers (place, title, name, NIP): printed in the signature block of every PDF. Admins; recorded as an event",
  })
  @ApiOkResponse({ description: 'Recorded: the office code and the write result (eventIds, version, position, replayed)' })
  async setSignatory(
    @Param('office') office: string,
    @Body() body: SetOfficeSignatoryDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const code = parseOfficeCode(office, 'office');
    const result: CommandResult = await this.commands.execute(new SetOfficeSignatoryCommand(code, body, meta));
    return { code, ...writeResponse(res, result, officeStreamId(code)) };
  }

  @Get()
  @ApiSignedIn()
  @ApiOperation({ summary: "List the offices within the caller's scope" })
  @ApiOkResponse({ description: 'The offices (code, name, signatory)' })
  async list(@CurrentPrincipal() principal: Principal) {
    const offices = await this.reader.offices();
    return offices.filter((o) => inScope(principal.offices, o.code));
  }

  @Get(':office')
  @ApiSignedIn()
  @ApiErrors(400, 403, 404)
  @ApiOperation({ summary: 'One office' })
  @ApiOkResponse({ description: 'The office' })
  one(@Param('office') office: string) {
    return this.reader.office(parseOfficeCode(office, 'office'));
  }
}
