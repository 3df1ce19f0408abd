import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CorrectEventCommand, type CommandMetadata, type CommandResult } from '@renja/application';
import { CorrectionDto } from '../dto/correction.dto';
import { WriteMetadata } from '../write-metadata';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedInWrite } from '../openapi/security';

@ApiTags('corrections')
@Controller('api/v1/events')
export class CorrectionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/corrections')
  @HttpCode(201)
  @ApiSignedInWrite()
  @ApiErrors(400, 404, 409, 412, 413, 415, 422)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Correct (fields sent) or reverse (no fields) a recorded event with a new event that references it' })
  @ApiCreatedResponse({ description: 'Recorded: eventIds, streamVersions, the stream corrected (ETag: its version), position, replayed' })
  async correct(
    @Param('eventId') eventId: string,
    @Body() body: CorrectionDto,
    @WriteMetadata() meta: CommandMetadata,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result: CommandResult = await this.commands.execute(new CorrectEventCommand(eventId, { ...body }, meta));
    const [streamId, version] = Object.entries(result.streamVersions)[0] ?? ['', 0];
    res.setHeader('ETag', `"${version}"`);
    return {
      eventIds: result.eventIds,
      streamVersions: result.streamVersions,
      streamId,
      position: result.position,
      replayed: result.replayed,
    };
  }
}
