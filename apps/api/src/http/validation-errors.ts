import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** Flattens nested validation errors to "legalBasis.date: must be a date" messages with the field path. */
function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => ({
      field,
      message: m.startsWith(e.property) ? m.slice(e.property.length).trim() : m,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): BadRequestException {
  const problems = flatten(errors);
  const messages = problems.map((p) => `${p.field}: ${p.message}`);
  return new BadRequestException({
    message: messages.length ? messages : ['request body is invalid'],
    field: problems[0]?.field,
    rule: 'INVALID_REQUEST',
  });
}
