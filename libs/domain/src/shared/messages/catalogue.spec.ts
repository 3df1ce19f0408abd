import { join } from 'node:path';
import { EN } from './catalogue.en';
import { ID, type MessageKey } from './catalogue.id';
import { scanThrowSites } from './source-scan';

const ROOT = join(__dirname, '../../../../..');
const SOURCES = ['libs/domain/src', 'libs/application/src', 'libs/infrastructure/src', 'projections/src', 'apps/api/src', 'apps/cli/src'];
const placeholders = (template: string) => [...new Set([...template.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]))].sort();

describe('message catalogue', () => {
  it('says every message in both languages, with the same parameters', () => {
    const keys = Object.keys(ID) as MessageKey[];
    expect(Object.keys(EN).sort()).toEqual([...keys].sort());
    for (const key of keys) expect({ key, params: placeholders(EN[key]) }).toEqual({ key, params: placeholders(ID[key]) });
  });

  it('has Indonesian that is not the English copied over (beyond codes and examples)', () => {
    const same = (Object.keys(ID) as MessageKey[]).filter(
      (key) => ID[key] === EN[key] && /[a-z]{4,}/.test(ID[key].replace(/\{[^}]*\}|"[^"]*"/g, '')),
    );
    expect(same).toEqual([]);
  });

  // The other sessions' new rules are caught here: a rule thrown anywhere needs a sentence in Bahasa Indonesia.
  it('has an Indonesian message for every rule the sources throw', () => {
    const sites = scanThrowSites(ROOT, SOURCES);
    expect(sites.length).toBeGreaterThan(80);
    const known = (rule: string) => Object.keys(ID).some((key) => key === rule || key.startsWith(`${rule}.`));
    const missing = sites.flatMap((s) => s.rules.filter((rule) => !known(rule)).map((rule) => `${rule} (${s.file}:${s.line})`));
    expect(missing).toEqual([]);
  });

  it('finds no error message written as a bare string (one language only)', () => {
    const bare = scanThrowSites(ROOT, SOURCES)
      .filter((s) => s.bareMessage !== null)
      .map((s) => `${s.file}:${s.line} ${s.bareMessage}`);
    expect(bare).toEqual([]);
  });
});
