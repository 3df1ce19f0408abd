import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { NIP_AS_SENT, TEXT_LIMITS } from '@renja/domain';

/** Who signs the office's papers: printed in the signature block of every PDF. */
export class SetOfficeSignatoryDto {
  @ApiProperty({ example: 'Pangkalpinang', description: 'Place written before the date: "Pangkalpinang, 31 Januari 2023"' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.signatoryPlace)
  place: string;

  @ApiProperty({ example: 'Kepala Dinas Koperasi, Usaha Kecil dan Menengah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.signatoryTitle)
  title: string;

  @ApiProperty({ example: 'Budi Santoso, S.E., M.M.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.signatoryName)
  name: string;

  @ApiProperty({ example: '19700101 199003 1 001', description: 'NIP: 18 digits, spaces allowed' })
  @IsString()
  @Matches(NIP_AS_SENT, { message: 'nip must be a NIP of 18 digits (spaces allowed, e.g. "19700101 199003 1 001")' })
  nip: string;
}
