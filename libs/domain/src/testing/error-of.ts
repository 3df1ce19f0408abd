import { DomainError } from '../shared/errors';

/** Runs `fn` and returns the DomainError it throws; fails the test when it throws nothing or something else. */
export const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};
