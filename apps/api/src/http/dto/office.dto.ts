import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEXT_LIMITS } from '@renja/domain';

export class RegisterOfficeDto {
  @ApiProperty({ example: 'DKUKM', description: 'Office (perangkat daerah) code: letters, digits, dots, dashes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code: string;

  @ApiProperty({ example: 'Dinas Koperasi, Usaha Kecil dan Menengah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.officeName)
  name: string;
}

export class RegisterLineDto {
  @ApiProperty({ example: '2.17.07.1.01.0001', description: 'Permendagri 90 code: program (3 segments), kegiatan (5) or sub kegiatan (6)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code: string;

  @ApiProperty({ example: 'Pemberdayaan Usaha Menengah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.lineName)
  name: string;
}
