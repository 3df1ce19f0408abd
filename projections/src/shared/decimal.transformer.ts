import type { ValueTransformer } from 'typeorm';
import Decimal from 'decimal.js';
import { Money } from '@renja/domain';

/** numeric columns ⇄ decimal.js: pg hands numerics over as strings, so no float ever touches an amount. */
export const decimalTransformer: ValueTransformer = {
  // Always two places: the columns are unbounded numerics, which keep the scale they are given.
  to: (value: Decimal | string | null | undefined) => (value === null || value === undefined ? value : new Money(value).toFixed(2)),
  from: (value: string | null) => (value === null ? null : new Money(value)),
};
