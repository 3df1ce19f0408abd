import { Command } from 'commander';
import { commandNameIn, COMMANDS, mayOpenDatabase, registerCommands } from './command-index';

function program(): Command {
  return new Command('renja-ledger').description('Renja Ledger').version('0.1.0');
}

describe('the light command index', () => {
  it('lists every command in the help exactly as its own definition does', () => {
    const light = program();
    registerCommands(light, []);
    const real = program();
    for (const entry of COMMANDS) real.addCommand(entry.load());
    // When this fails, a command's name, description, options or arguments changed: change its entry in command-index.ts.
    expect(light.helpInformation()).toBe(real.helpInformation());
    expect(light.commands.map((command) => command.name())).toEqual(COMMANDS.map((entry) => entry.name));
  });

  it('names the command commander will run, also after help, and none for the program options alone', () => {
    expect(commandNameIn(['report', 'pagu-trail', '--office', 'DKUKM', '--format', 'json'])).toBe('report');
    expect(commandNameIn(['help', 'verify'])).toBe('verify');
    expect(commandNameIn(['--help'])).toBeUndefined();
    expect(commandNameIn(['--version'])).toBeUndefined();
    expect(commandNameIn(['help'])).toBeUndefined();
    expect(commandNameIn(['migrate'])).toBeUndefined();
    expect(commandNameIn(['reprot'])).toBeUndefined();
  });

  it('has main.ts load pg for a command that may open the database, and not for an offline one or none', () => {
    expect(mayOpenDatabase('report')).toBe(true);
    expect(mayOpenDatabase('verify')).toBe(true);
    expect(mayOpenDatabase('witness')).toBe(false);
    expect(mayOpenDatabase(undefined)).toBe(false);
  });

  it('loads the command that is run, with its options, and leaves the others as stand-ins', () => {
    const light = program();
    registerCommands(light, ['verify', '--database']);
    const verify = light.commands.find((command) => command.name() === 'verify');
    expect(verify?.options.map((option) => option.long)).toContain('--database');
    const report = light.commands.find((command) => command.name() === 'report');
    expect(report?.options).toEqual([]);
  });
});
