import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { openApiDocumentWithoutDatabase } from '../../apps/api/src/http/openapi/document-without-database';
import { startTestApp, type TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Values for the path parameters: well-formed, naming nothing that exists. */
const PATH_VALUES: Record<string, string> = {
  year: '2022',
  office: 'DKUKM',
  code: '2.17.07.1.01.0001',
  eventId: '0b6f4c1e-5d2a-4f3e-9a7b-2c8d1e0f3a4b',
  id: '1',
  size: '1',
};

function operations(doc: OpenAPIObject): Array<{ method: (typeof METHODS)[number]; path: string; operation: OperationObject }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ method, path, operation: item[method] }] : [])),
  );
}

/** Runs `npm run lint:openapi`'s script on a document: its exit code and what it printed. */
function lint(file: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts/lint-openapi.mjs'), file], { cwd: ROOT }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

describe('the OpenAPI document served at /api/docs-json', () => {
  let t: TestApp;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.anonymous().get('/api/docs-json').expect(200)).body as OpenAPIObject;
  });
  afterAll(() => t?.close());

  it("passes Redocly's rules (redocly.yaml) without an error or a warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renja-openapi-e2e-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc, null, 2));
      const { code, output } = await lint(file);
      expect(output).toContain('Your API description is valid');
      expect(output).not.toMatch(/\d+ warnings?\b/);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the document `npm run lint:openapi` lints in CI (made without a database)', async () => {
    expect(await openApiDocumentWithoutDatabase()).toEqual(doc);
  });

  it('asks for credentials on exactly the routes that refuse a caller without them, and documents the answer', async () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    for (const { method, path, operation } of ops) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (!(name in PATH_VALUES)) throw new Error(`no test value for the path parameter ${name} of ${path}`);
        return PATH_VALUES[name];
      });
      const res = await t.anonymous()[method](url);
      const security = operation.security ?? [];
      const open = security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0);
      const seen = `${method.toUpperCase()} ${path} → ${res.status}`;
      if (open) expect(`${seen} ${res.body?.rule ?? ''}`).not.toMatch(/→ 401 (TOKEN_REQUIRED|SESSION_INVALID)/);
      else expect(`${seen} ${res.body?.rule ?? ''}`).toBe(`${method.toUpperCase()} ${path} → 401 TOKEN_REQUIRED`);
      // Whatever the route answered is in its responses.
      expect({ seen, documented: Object.keys(operation.responses) }).toEqual({
        seen,
        documented: expect.arrayContaining([String(res.status)]) as unknown,
      });
    }
  });
});
