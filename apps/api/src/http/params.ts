import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { msg, normaliseKnownAt, parseIsoDate, type AsOf } from '@renja/domain';

/** Path parameter {year}: a fiscal year. */
@Injectable()
export class FiscalYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) {
      throw new BadRequestException({ message: msg('INVALID_VALUE.year', { value }), field: 'year' });
    }
    return Number(value);
  }
}

/** Query ?validAt=YYYY-MM-DD&knownAt=<date or ISO timestamp> → a bitemporal point of view. */
export function asOfFromQuery(validAt?: string, knownAt?: string): AsOf {
  const asOf: AsOf = {};
  if (validAt !== undefined) asOf.validAt = parseIsoDate(validAt, 'validAt');
  if (knownAt !== undefined) asOf.knownAt = normaliseKnownAt(knownAt, 'knownAt');
  return asOf;
}
