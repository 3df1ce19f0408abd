import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { TEXT_LIMITS } from '@renja/domain';
import { LegalBasisDto } from './common.dto';
import { IsAmountString, IsDecimalString, IsIsoDate, IsPeriod } from './validators';

/** Renstra figures of a line: the evaluation form's columns (5) and (6), in K and/or Rp; send at least one. */
export class RecordRenstraDto {
  @ApiPropertyOptional({ example: 'IK-1', description: 'Indicator id or exact name; required with targetK or realisedToLastYearK' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.indicatorName)
  indicator?: string;

  @ApiPropertyOptional({ example: '30', description: "End-of-period Renstra target in the indicator's unit (K)" })
  @IsOptional()
  @IsDecimalString()
  targetK?: string;

  @ApiPropertyOptional({ example: '2908919056.00', description: 'End-of-period Renstra budget (Rp), a decimal string' })
  @IsOptional()
  @IsAmountString()
  targetRp?: string;

  @ApiPropertyOptional({ example: '15', description: 'Renstra realisation up to the end of last year (K)' })
  @IsOptional()
  @IsDecimalString()
  realisedToLastYearK?: string;

  @ApiPropertyOptional({ example: '1397323000.00', description: 'Renstra realisation up to the end of last year (Rp)' })
  @IsOptional()
  @IsAmountString()
  realisedToLastYearRp?: string;

  @ApiPropertyOptional({ example: '2022-01-01', format: 'date', description: 'Defaults to the first day of the fiscal year' })
  @IsOptional()
  @IsIsoDate()
  effectiveDate?: string;

  @ApiPropertyOptional({ example: 'Renstra DKUKM 2019-2024' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.reason)
  reason?: string;

  @ApiPropertyOptional({ type: LegalBasisDto, description: 'The Renstra instrument (e.g. Pergub), if wanted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalBasisDto)
  legalBasis?: LegalBasisDto;
}

/** Faktor pendorong / penghambat / tindak lanjut for a quarter, of the office or of one line; send at least one text. */
export class RecordEvaluationNoteDto {
  @ApiProperty({ example: '2022-Q4', description: 'The quarter (triwulan) the note is about: "2022-Q4" (also "TW IV")' })
  @IsPeriod()
  period: string;

  @ApiPropertyOptional({ example: '2.17.07', description: 'A program, kegiatan or sub kegiatan; absent: the whole office' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;

  @ApiPropertyOptional({ example: 'Dukungan pimpinan dan koordinasi dengan kabupaten/kota', description: 'Faktor pendorong' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.evaluationNote)
  pendorong?: string;

  @ApiPropertyOptional({ example: 'Tambahan DID baru diterima November 2022', description: 'Faktor penghambat' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.evaluationNote)
  penghambat?: string;

  @ApiPropertyOptional({ example: 'Pengesahan DPPA tepat waktu', description: 'Tindak lanjut' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.evaluationNote)
  tindakLanjut?: string;

  @ApiPropertyOptional({ example: 'Hasil rapat evaluasi triwulan IV' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.reason)
  reason?: string;
}
