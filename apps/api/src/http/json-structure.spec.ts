import { checkJsonStructure, JsonStructureError } from './json-structure';

const problem = (text: string) => {
  try {
    checkJsonStructure(text, 4);
  } catch (error) {
    if (error instanceof JsonStructureError) return { field: error.field, rule: error.rule };
    throw error;
  }
  return null;
};

describe('checkJsonStructure', () => {
  it('accepts ordinary bodies, keys that only look alike, and strings full of brackets', () => {
    expect(problem('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toBeNull();
    expect(problem('{"a":"[[[[[[{{{{","A":"\\"a\\":1"}')).toBeNull();
    expect(problem('[[[1]]]')).toBeNull();
  });

  it('finds duplicate keys at any depth, also when escaped differently', () => {
    expect(problem('{"amount":"1","amount":"9"}')).toEqual({ field: 'amount', rule: 'DUPLICATE_KEY' });
    expect(problem('{"legalBasis":{"kind":"a","\\u006bind":"b"}}')).toEqual({ field: 'legalBasis.kind', rule: 'DUPLICATE_KEY' });
    expect(problem('{"outputs":[{"v":1},{"v":1,"v":2}]}')).toEqual({ field: 'outputs[1].v', rule: 'DUPLICATE_KEY' });
  });

  it('refuses nesting beyond the limit, naming where it starts', () => {
    expect(problem('{"a":{"b":{"c":{"d":{}}}}}')).toEqual({ field: 'a.b.c.d', rule: 'BODY_TOO_DEEP' });
    expect(problem('[[[[[]]]]]')).toEqual({ field: '[0][0][0][0]', rule: 'BODY_TOO_DEEP' });
  });

  it('leaves malformed JSON to the parser', () => {
    expect(problem('{"a')).toBeNull();
    expect(problem('{"\\x":1}')).toBeNull();
  });
});
