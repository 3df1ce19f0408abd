import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Sign-in: an API token (rl_…) or an OpenID Connect JWT, in the body (never in a URL). */
export class CreateSessionDto {
  @ApiProperty({
    example: 'rl_…',
    description: 'An API token or an OpenID Connect JWT; only a hash of the session id is stored, the token is not stored at all',
  })
  @IsString()
  @Length(1, 4096)
  token: string;
}
