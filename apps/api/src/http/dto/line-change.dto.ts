import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { FUNDING_SOURCE_AS_SENT, PHASES, TEXT_LIMITS } from '@renja/domain';
import { LegalBasisDto } from './common.dto';
import { IsAmountString, IsDecimalString, IsIndicatorDirection, IsIsoDate, IsPeriod, IsPhase } from './validators';

export class DefineIndicatorDto {
  @ApiProperty({ example: 'Jumlah UMKM yang dibina' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.indicatorName)
  name: string;

  @ApiProperty({ example: 'UMKM' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.indicatorUnit)
  unit: string;

  @ApiProperty({ enum: ['higher_is_better', 'lower_is_better'] })
  @IsIndicatorDirection()
  direction: string;
}

export class ReviseTargetDto {
  @ApiProperty({ example: 'IK-1', description: 'Indicator id or exact name' })
  @IsString()
  @IsNotEmpty()
  indicator: string;

  @ApiProperty({ example: '120', description: 'Target value as a decimal string' })
  @IsDecimalString()
  value: string;

  @ApiProperty({ example: 'Target Renja 2022' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reason)
  reason: string;

  @ApiProperty({ example: '2022-01-03', format: 'date' })
  @IsIsoDate()
  effectiveDate: string;

  @ApiPropertyOptional({ type: LegalBasisDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalBasisDto)
  legalBasis?: LegalBasisDto;
}

export class ChangePaguDto {
  @ApiProperty({ enum: PHASES, description: 'The phase code; APBD-P, APBD Perubahan, APBD Murni/Induk, Pagu Indikatif are taken too' })
  @IsPhase()
  phase: string;

  @ApiProperty({ example: 'DID', description: 'Funding source (sumber dana): APBD, PAD, DAU, DAK, DBH, DID, ... (open list)' })
  @IsString()
  @Matches(FUNDING_SOURCE_AS_SENT, { message: 'VALIDATION.fundingSource' })
  fundingSource: string;

  @ApiPropertyOptional({ example: '653027794.00', description: "Sets the source's amount in this phase (send amount or delta)" })
  @IsOptional()
  @IsAmountString()
  amount?: string;

  @ApiPropertyOptional({ example: '1000000000.00', description: 'Adds a signed change to the source (send amount or delta)' })
  @IsOptional()
  @IsAmountString({ signed: true })
  delta?: string;

  @ApiPropertyOptional({ example: 'Tambahan Dana Insentif Daerah' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.reason)
  reason?: string;

  @ApiPropertyOptional({ type: LegalBasisDto, description: 'Required for APBD, PERGESERAN, APBD_P and every delta' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalBasisDto)
  legalBasis?: LegalBasisDto;

  @ApiProperty({ example: '2022-11-08', format: 'date' })
  @IsIsoDate()
  effectiveDate: string;
}

export class OutputDto {
  @ApiProperty({ example: 'IK-1' })
  @IsString()
  @IsNotEmpty()
  indicator: string;

  @ApiProperty({ example: '25' })
  @IsDecimalString()
  value: string;
}

export class RecordRealisationDto {
  @ApiProperty({
    example: '2022-Q4',
    description:
      'A month "2022-11" or a quarter (triwulan) "2022-Q4"; a quarter of the line\'s year may be written "TW IV", "TW4" or "Triwulan 4"',
  })
  @IsPeriod()
  period: string;

  @ApiPropertyOptional({ example: '630592410.00', description: 'Rupiah spent in the period (realisasi keuangan)' })
  @IsOptional()
  @IsAmountString()
  amount?: string;

  @ApiPropertyOptional({ type: [OutputDto], description: 'Output achieved per indicator (realisasi kinerja)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OutputDto)
  outputs?: OutputDto[];

  @ApiPropertyOptional({ example: '2022-12-31', format: 'date', description: 'Defaults to the last day of the period' })
  @IsOptional()
  @IsIsoDate()
  effectiveDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.reason)
  reason?: string;
}
