import { ValidateBy, type ValidationOptions } from 'class-validator';

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const SIGNED_AMOUNT = /^-?\d{1,16}(\.\d{1,2})?$/;
const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const describe = (value: unknown) =>
  typeof value === 'number' ? 'a JSON number' : typeof value === 'string' ? `"${value}"` : typeof value;

/** Rupiah as a decimal string; a JSON number is refused with a message saying why. */
export const IsAmountString = (options: { signed?: boolean } = {}, validationOptions?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAmountString',
      validator: {
        validate: (value) => typeof value === 'string' && (options.signed ? SIGNED_AMOUNT : AMOUNT).test(value),
        defaultMessage: (args) =>
          `${args?.property} must be a decimal string with at most 2 decimal places, such as "1653027794.00"${
            options.signed ? ' (a leading minus for decreases)' : ''
          }; got ${describe(args?.value)}`,
      },
    },
    validationOptions,
  );

export const IsDecimalString = (validationOptions?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isDecimalString',
      validator: {
        validate: (value) => typeof value === 'string' && DECIMAL.test(value),
        defaultMessage: (args) => `${args?.property} must be a decimal string such as "100" or "12.5"; got ${describe(args?.value)}`,
      },
    },
    validationOptions,
  );

export const IsIsoDate = (validationOptions?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value) => typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)),
        defaultMessage: (args) => `${args?.property} must be a date YYYY-MM-DD; got ${describe(args?.value)}`,
      },
    },
    validationOptions,
  );
