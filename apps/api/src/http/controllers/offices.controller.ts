import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { officeStreamId, parseOfficeCode } from '@renja/domain';
import { RegisterOfficeCommand, type CommandMetadata, type CommandResult } from '@renja/application';
import { PlanReader } from '@renja/projections';
import { BearerTokenGuard } from '../auth.guard';
import { RegisterOfficeDto } from '../dto/office.dto';
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
  @UseGuards(BearerTokenGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Register an office (perangkat daerah)' })
  async register(@Body() body: RegisterOfficeDto, @WriteMetadata() meta: CommandMetadata, @Res({ passthrough: true }) res: Response) {
    const result: CommandResult = await this.commands.execute(new RegisterOfficeCommand(body, meta));
    return { code: parseOfficeCode(body.code), ...writeResponse(res, result, officeStreamId(parseOfficeCode(body.code))) };
  }

  @Get()
  @ApiOperation({ summary: 'List offices' })
  list() {
    return this.reader.offices();
  }

  @Get(':office')
  @ApiOperation({ summary: 'One office' })
  one(@Param('office') office: string) {
    return this.reader.office(parseOfficeCode(office, 'office'));
  }
}
