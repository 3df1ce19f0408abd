import type { Response } from 'express';
import type { CommandResult } from '@renja/application';
import type { WriteResultDto } from './dto/common.dto';

/** Sends the version of the written stream as ETag, and says when an idempotent replay answered. */
export function writeResponse(res: Response, result: CommandResult, streamId: string): WriteResultDto {
  const version = result.streamVersions[streamId] ?? 0;
  res.setHeader('ETag', `"${version}"`);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return { eventIds: result.eventIds, version, position: result.position, replayed: result.replayed };
}
