import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { FUNDING_SOURCE_AS_SENT, TEXT_LIMITS } from '@renja/domain';
import { LegalBasisDto } from './common.dto';
import { IsAmountString, IsIsoDate } from './validators';

export class ShiftBudgetDto {
  @ApiProperty({ example: '2.17.07.1.01.0001' })
  @IsString()
  @IsNotEmpty()
  fromCode: string;

  @ApiProperty({ example: '2.17.08.1.01.0001' })
  @IsString()
  @IsNotEmpty()
  toCode: string;

  @ApiProperty({ example: '25000000.00' })
  @IsAmountString()
  amount: string;

  @ApiProperty({ example: 'DAU' })
  @IsString()
  @Matches(FUNDING_SOURCE_AS_SENT, { message: 'VALIDATION.fundingSource' })
  fundingSource: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reason)
  reason: string;

  @ApiProperty({ type: LegalBasisDto })
  @ValidateNested()
  @Type(() => LegalBasisDto)
  legalBasis: LegalBasisDto;

  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  effectiveDate: string;
}
