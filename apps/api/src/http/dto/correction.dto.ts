import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PHASES, TEXT_LIMITS } from '@renja/domain';
import { LegalBasisDto } from './common.dto';
import { OutputDto } from './line-change.dto';
import { IsAmountString, IsDecimalString, IsIsoDate, IsPeriod, IsPhase } from './validators';

/**
 * A correction: a reason, and the fields to replace (same names as the corrected request's).
 * With no replacement field, the corrected event is reversed.
 */
export class CorrectionDto {
  @ApiProperty({ example: 'Salah input: nilai DPA tertukar' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reason)
  reason: string;

  @ApiPropertyOptional({ type: LegalBasisDto, description: 'Required when correcting a budget change that needs one' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalBasisDto)
  legalBasis?: LegalBasisDto;

  @ApiPropertyOptional({ enum: PHASES, description: 'The phase code, or an alias such as APBD-P' })
  @IsOptional()
  @IsPhase()
  phase?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  fundingSource?: string;

  @ApiPropertyOptional({ description: 'Replacement amount (pagu set, shift, realisation)' })
  @IsOptional()
  @IsAmountString()
  amount?: string;

  @ApiPropertyOptional({ description: 'Replacement delta (pagu addition)' })
  @IsOptional()
  @IsAmountString({ signed: true })
  delta?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsIsoDate()
  effectiveDate?: string;

  @ApiPropertyOptional({ description: 'Replacement period of a realisation ("2022-Q4", "2022-11", or "TW IV")' })
  @IsOptional()
  @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ type: [OutputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OutputDto)
  outputs?: OutputDto[];

  @ApiPropertyOptional({ description: 'Replacement target value' })
  @IsOptional()
  @IsDecimalString()
  value?: string;
}
