import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ErrorBody } from '../http-errors';

/**
 * OpenAPI schema `ErrorBody`: the JSON body of every 4xx and 5xx answer (apps/api/src/http/http-errors.ts).
 * It implements the body's interface, so a field added there and not here fails to compile; the type
 * check below fails on a field here that the interface does not have.
 */
@ApiSchema({ name: 'ErrorBody' })
export class ErrorBodySchema implements Required<ErrorBody> {
  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: "The status's reason phrase" })
  error!: string;

  @ApiProperty({
    example:
      'amount: harus berupa string desimal seperti "25000000.00" (paling banyak 2 angka desimal, tanpa pemisah ribuan); diterima angka JSON 100',
    description: 'What went wrong, in the language of Accept-Language (Bahasa Indonesia unless English); several problems joined by "; "',
  })
  message!: string;

  @ApiPropertyOptional({
    example: 'INVALID_REQUEST',
    description:
      'The rule refused by, a stable code that never changes with the language (e.g. INVALID_REQUEST, FORBIDDEN, VERSION_MISMATCH)',
  })
  rule!: string;

  @ApiPropertyOptional({
    example: 'amount',
    description: 'The field, query parameter or header at fault; nested fields as "legalBasis.date"',
  })
  field!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Every problem, when there is more than one (each names its field)',
    example: ['amount: harus berupa teks', 'phase: harus salah satu dari APBD, APBD_P'],
  })
  details!: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: '422: the figures the rule names (amounts as decimal strings, dates ISO), e.g. cumulative, pagu, date, phase',
    example: { cumulative: '700000000.00', pagu: '653027794.00' },
  })
  params!: Record<string, string>;

  @ApiPropertyOptional({ type: [String], description: '403: the roles that would be allowed', example: ['finance'] })
  rolesNeeded!: string[];

  @ApiPropertyOptional({ description: "403: the caller's office scope", example: 'DKUKM' })
  scope!: string;
}

type NoExtraFields<T, Shape> = Exclude<keyof T, keyof Shape> extends never ? true : never;
/** Fails to compile when ErrorBodySchema documents a field that ErrorBody does not have. */
export const errorBodySchemaMatches: NoExtraFields<ErrorBodySchema, ErrorBody> = true;
