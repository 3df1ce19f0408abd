import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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

@ApiTags('offices')
@Controller('api/v1/offices')
export class OfficesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: PlanReader,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Register an office (perangkat daerah)' })
  async register(@Body() body: RegisterOfficeDto, @WriteMetadata() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    const result: CommandResult = await this.commands.execute(new RegisterOfficeCommand(body, meta));
    return { code: parseOfficeCode(body.code), ...writeResponse(res, result, officeStreamId(parseOfficeCode(body.code))) };
  }

  @Put(':office/signatory')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "Who signs the office's papers (place, title, name, NIP): printed in the signature block of every PDF. Admins; recorded as an event",
  })
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
  @ApiOperation({ summary: "List the offices within the caller's scope" })
  async list(@CurrentPrincipal() principal: Principal) {
    const offices = await this.reader.offices();
    return offices.filter((o) => inScope(principal.offices, o.code));
  }

  @Get(':office')
  @ApiOperation({ summary: 'One office' })
  one(@Param('office') office: string) {
    return this.reader.office(parseOfficeCode(office, 'office'));
  }
}
