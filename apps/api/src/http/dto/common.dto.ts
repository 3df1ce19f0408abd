import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEXT_LIMITS } from '@renja/domain';
import { IsIsoDate } from './validators';

export class LegalBasisDto {
  @ApiProperty({ example: 'PMK', description: 'Kind of instrument: Perda, Perkada, DPA, DPPA, PMK, ...' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.legalBasisKind)
  kind: string;

  @ApiProperty({ example: '170/PMK.07/2022' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.legalBasisNumber)
  number: string;

  @ApiProperty({ example: '2022-11-08', format: 'date' })
  @IsIsoDate()
  date: string;
}

/** Returned by every write: the events recorded and the new version (also sent as ETag). */
export class WriteResultDto {
  @ApiProperty({ type: [String], description: 'Ids of the recorded events' })
  eventIds: string[];

  @ApiProperty({ description: 'Version of the written stream after the write; the ETag' })
  version: number;

  @ApiProperty({ description: 'Global position of the last recorded event' })
  position: number;

  @ApiProperty({ description: 'True when this is the stored result of an earlier request with the same Idempotency-Key' })
  replayed: boolean;
}
