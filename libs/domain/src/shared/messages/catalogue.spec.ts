import { join } from 'node:path';
import { EN } from './catalogue.en';
import { ID, type MessageKey } from './catalogue.id';
import { scanThrowSites } from '../../testing/source-scan';

const ROOT = join(__dirname, '../../../../..');
const SOURCES = ['libs/domain/src', 'libs/application/src', 'libs/infrastructure/src', 'projections/src', 'apps/api/src', 'apps/cli/src'];
/**
 * `new Error('…')` in the apps that no refusal reaches a person through: [file, message start, why].
 * Every other plain Error there is a refusal and is said from the catalogue (CliRefusal, an HTTP exception).
 */
const PLAIN_ERRORS_ALLOWED: Array<[string, string, string]> = [
  [
    'apps/api/src/http/oidc-login.ts',
    'the provider sent no ID token',
    'caught and passed on as a code only; the sign-in page says it in its own language',
  ],
  ['apps/api/src/ops/ledger-health.ts', 'no answer within', "an operator's /health/ready detail, like the database's own words beside it"],
  [
    'apps/api/src/ops/logger.ts',
    'RENJA_LOG_FORMAT must be',
    "a start-up configuration error for the operator, as the other RENJA_* settings' errors",
  ],
  ['apps/cli/src/commands/witness.command.ts', '${url}: HTTP', "the witnessed server's own answer, passed on as it came"],
];
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
      .filter((s) => !PLAIN_ERRORS_ALLOWED.some(([file, start]) => s.file === file && s.bareMessage?.slice(1).startsWith(start)))
      .map((s) => `${s.file}:${s.line} ${s.bareMessage}`);
    expect(bare).toEqual([]);
  });

  it('allows only plain errors that are still thrown (the list does not go stale)', () => {
    const sites = scanThrowSites(ROOT, SOURCES).filter((s) => s.bareMessage !== null);
    const stale = PLAIN_ERRORS_ALLOWED.filter(
      ([file, start]) => !sites.some((s) => s.file === file && s.bareMessage?.slice(1).startsWith(start)),
    );
    expect(stale).toEqual([]);
  });
});
