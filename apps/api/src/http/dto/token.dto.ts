import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { ROLES } from '@renja/application';

/** A token grant. Fields are checked by the application (parseTokenGrant), which names the field at fault. */
export class CreateTokenDto {
  @ApiProperty({
    type: String,
    example: 'Siti (BPKAD)',
    description: "Holder's name, recorded as the actor of every event the token writes",
  })
  @Allow()
  name: unknown;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['finance'], description: `One or more of ${ROLES.join(', ')}` })
  @Allow()
  roles: unknown;

  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['*'] },
    ],
    example: ['DKUKM'],
    description: 'Office codes the token may act on, or "*" for all offices',
  })
  @Allow()
  offices: unknown;

  @ApiPropertyOptional({
    type: String,
    example: '90d',
    description: 'YYYY-MM-DD, an ISO timestamp, a number of days ("90d") or "never"; default 365 days',
  })
  @Allow()
  expires?: unknown;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '198001012005011001',
    description: "The holder's NIP (Nomor Induk Pegawai): 18 digits, spaces allowed; absent, null or empty for none",
  })
  @Allow()
  nip?: unknown;
}
