import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { hasMessage, msg, rawMessage, type Message, type MessageParams } from '@renja/domain';

/** What was sent, said in the message ("diterima angka JSON 25000000" / "got a JSON number 25000000"). */
export function describeSent(value: unknown): Message {
  if (value === undefined || value === null) return msg('VALUE.missing');
  if (typeof value === 'number') return msg('VALUE.number', { value: String(value) });
  if (typeof value === 'string') return msg('VALUE.string', { value: value.length > 60 ? `${value.slice(0, 60)}…` : value });
  return msg('VALUE.other', { type: Array.isArray(value) ? 'array' : typeof value });
}

/**
 * One constraint's message in the catalogue: a DTO may name a catalogue key as its message
 * (`{ message: 'VALIDATION.fundingSource' }`), the usual class-validator constraints have entries
 * of their own (the figures taken from the English default message), anything else stays as it is.
 */
function constraintMessage(constraint: string, english: string, property: string, value: unknown): Message {
  if (hasMessage(english)) return msg(english);
  const key = `VALIDATION.${constraint}`;
  const n = /(\d+)/.exec(english)?.[1] ?? '';
  if (constraint === 'isLength' || constraint === 'length') {
    return msg(/longer/.test(english) ? 'VALIDATION.minLength' : 'VALIDATION.maxLength', { n });
  }
  if (!hasMessage(key)) return rawMessage(english.startsWith(property) ? english.slice(property.length).trim() : english);
  const params: MessageParams = {
    n,
    got: describeSent(value),
    values: english.includes(': ') ? english.slice(english.indexOf(': ') + 2) : '',
  };
  return msg(key, params);
}

/** Flattens nested validation errors to "legalBasis.date: …" messages with the field path. */
function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; message: Message }> {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, english]) => ({
      field,
      message: { ...constraintMessage(constraint, english, e.property, e.value), field },
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The 400 of a body that fails its DTO: every problem, each naming its field, said in the request's language. */
export function validationException(errors: ValidationError[]): BadRequestException {
  const problems = flatten(errors);
  return new BadRequestException({
    message: problems.length ? problems.map((p) => p.message) : [msg('INVALID_REQUEST')],
    field: problems[0]?.field,
    rule: 'INVALID_REQUEST',
  });
}
