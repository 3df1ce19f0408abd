import { readmeBlocks, shellCommands } from './readme-commands';

describe('shellCommands', () => {
  it('gives one command per logical line, with its README line number', () => {
    const body = [
      '# a whole-line comment',
      '',
      'curl -s "$API/a"          # the document\'s own',
      'npx renja-ledger verify --database',
    ].join('\n');
    expect(shellCommands(body, 10)).toEqual([
      { line: 12, text: 'curl -s "$API/a"          # the document\'s own' },
      { line: 13, text: 'npx renja-ledger verify --database' },
    ]);
  });

  it('continues a command over a trailing backslash and over a quote left open', () => {
    const body = [
      'post $L/pagu \'{"phase":"APBD","amount":"1.00",',
      '  "legalBasis":{"kind":"Perda"}}\'',
      'npx renja-ledger correct x --reason "y" \\',
      '  --reverse',
      'get "$L?validAt=2022-10-31"',
    ].join('\n');
    expect(shellCommands(body, 1).map((c) => c.line)).toEqual([1, 3, 5]);
    expect(shellCommands(body, 1)[0].text).toContain('"legalBasis"');
  });

  it('refuses a command that never ends', () => {
    expect(() => shellCommands("echo 'open", 7)).toThrow('line 7: a command never ends');
  });
});

describe('readmeBlocks', () => {
  it('reads each fenced block with its language and the marker right before it', () => {
    const md = ['# T', '<!-- readme-test: sample -->', '```bash', 'ls', '```', '', '```text', 'out', '```'].join('\n');
    expect(readmeBlocks(md)).toEqual([
      { line: 3, language: 'bash', marker: 'sample', body: 'ls' },
      { line: 7, language: 'text', marker: null, body: 'out' },
    ]);
  });
});
