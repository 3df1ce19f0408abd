import { ValidateBy, type ValidationOptions } from 'class-validator';
import {
  DomainError,
  INDICATOR_DIRECTIONS,
  parseDate,
  parseDecimalIn,
  parseDirection,
  parseMoney,
  parsePeriodOf,
  parsePhase,
} from '@renja/domain';

const describe = (value: unknown) =>
  typeof value === 'number' ? 'a JSON number' : typeof value === 'string' ? `"${value}"` : typeof value;

/**
 * Rupiah as a decimal string, as the domain reads it strictly (parseMoney); a JSON number is refused with a
 * message saying why. Human spellings ("25.000.000", "25.000") stay refused: in a machine interface
 * "25.000" could be 25 or 25000. (Messages for people come from the catalogue, by constraint name:
 * validation-errors.ts.)
 */
export const IsAmountString = (options: { signed?: boolean } = {}, validationOptions?: ValidationOptions) =>
  ParsedBy(
    options.signed ? 'isSignedAmountString' : 'isAmountString',
    (value) => parseMoney(value, 'strict', 'amount', options),
    (property, value) =>
      `${property} must be a decimal string with at most 2 decimal places, such as "1653027794.00"${
        options.signed ? ' (a leading minus for decreases)' : ''
      }; got ${describe(value)}`,
    validationOptions,
  );

/** A non-money decimal (a target, a K figure, an output), as the domain reads it strictly (parseDecimalIn). */
export const IsDecimalString = (validationOptions?: ValidationOptions) =>
  ParsedBy(
    'isDecimalString',
    (value) => parseDecimalIn(value, 'strict', 'value'),
    (property, value) => `${property} must be a decimal string such as "100" or "12.5"; got ${describe(value)}`,
    validationOptions,
  );

/** A date YYYY-MM-DD, as the domain reads it strictly (parseDate: an impossible day such as 2022-02-30 is refused too). */
export const IsIsoDate = (validationOptions?: ValidationOptions) =>
  ParsedBy(
    'isIsoDate',
    (value) => parseDate(value, 'strict'),
    (property, value) => `${property} must be a date YYYY-MM-DD; got ${describe(value)}`,
    validationOptions,
  );

/**
 * A field whose rule the domain owns: valid when the domain's parser (in its strict, API mode) reads it.
 * The DTO only names the constraint (its catalogue message, validation-errors.ts) and says it in English.
 */
export const ParsedBy = (
  constraint: string,
  parse: (value: unknown) => unknown,
  message: (property: string, value: unknown) => string,
  validationOptions?: ValidationOptions,
) =>
  ValidateBy(
    {
      name: constraint,
      validator: {
        validate: (value) => {
          try {
            parse(value);
            return true;
          } catch (error) {
            if (error instanceof DomainError) return false;
            throw error;
          }
        },
        defaultMessage: (args) => message(args?.property ?? '', args?.value),
      },
    },
    validationOptions,
  );

/** A budget phase: its code (APBD_P) or an unambiguous alias offices write (APBD-P, APBD Perubahan, apbd murni). */
export const IsPhase = (validationOptions?: ValidationOptions) =>
  ParsedBy(
    'isPhase',
    (value) => parsePhase(value, 'strict'),
    (property, value) => `${property} must be a phase such as APBD or APBD_P (or APBD-P); got ${describe(value)}`,
    validationOptions,
  );

/** An indicator's direction, as the domain reads it in the API's strict mode (the codes, INDICATOR_DIRECTIONS). */
export const IsIndicatorDirection = (validationOptions?: ValidationOptions) =>
  ParsedBy(
    'isIn',
    (value) => parseDirection(value, 'strict'),
    (property) => `${property} must be one of the following values: ${INDICATOR_DIRECTIONS.join(', ')}`,
    validationOptions,
  );

/**
 * A realisation period as the domain reads it strictly (parsePeriodOf): "2022-11", "2022-Q4", or a quarter
 * of the line's year "TW IV", "TW4", "Triwulan 4" (the year is the line's; any year will do to check the form).
 */
export const IsPeriod = (validationOptions?: ValidationOptions) =>
  ParsedBy(
    'isPeriod',
    (value) => parsePeriodOf(value, 'strict', 2000),
    (property, value) =>
      `${property} must be a month such as "2022-11" or a quarter such as "2022-Q4" (or "TW IV"); got ${describe(value)}`,
    validationOptions,
  );
