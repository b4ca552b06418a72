import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The repository rule of eslint.config.js, run on code as it would sit in the tree (nothing is written). */
const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

async function messages(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  // A message without a rule is a parse error: the code under test must parse for the rule to be judged.
  expect(result?.messages.filter((m) => m.fatal || !m.ruleId)).toEqual([]);
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const QUERIES = [
  "export const f = (db: never) => db.selectFrom('persons').selectAll().execute();",
  "export const f = (db: never) => db.insertInto('settings').values({}).execute();",
  "export const f = (db: never) => db.updateTable('persons').set({}).execute();",
  "export const f = (db: never) => db.deleteFrom('personNameTokens').execute();",
  "import { sql } from 'kysely';\nexport const f = (db: never) => sql`SELECT 1`.execute(db);",
  "import { sql } from 'kysely';\nexport const f = () => sql.ref('persons.pk');",
];

/** The services converted to repositories (issue 8, item 5): the core's, the persons' and investigations'. */
const CONVERTED = [
  'electron/persons/*.service.ts',
  'electron/investigations/*.service.ts',
  'electron/accounts/*.service.ts',
  'electron/audit/*.service.ts',
  'electron/drafts/*.service.ts',
  'electron/home/*.service.ts',
  'electron/platform/*.service.ts',
  'electron/session/*.service.ts',
  'electron/units/*.service.ts',
  'electron/exchange/*.service.ts',
];

describe('services never build queries (issue 8: one repository pattern)', () => {
  it('refuses each query builder in a domain service', async () => {
    for (const code of QUERIES) {
      const found = await messages(code, 'electron/persons/made-up.service.ts');
      expect(
        found.filter((m) => m.startsWith('no-restricted-syntax')),
        code,
      ).toHaveLength(1);
    }
  });

  it('allows them in a repository, and still refuses IPC objects in a service', async () => {
    for (const code of QUERIES) {
      const found = await messages(code, 'electron/persons/made-up.repository.ts');
      expect(
        found.filter((m) => m.startsWith('no-restricted-syntax')),
        code,
      ).toEqual([]);
    }
    const ipc = await messages(
      'export const x = (ipcMain: unknown) => ipcMain;',
      'electron/persons/made-up.service.ts',
    );
    expect(ipc.filter((m) => m.includes('IPC is only for'))).toHaveLength(2);
  });

  it('the converted services pass it', async () => {
    const results = await eslint.lintFiles(CONVERTED);
    expect(results.length).toBeGreaterThan(14);
    const restricted = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => `${r.filePath}:${m.line}`),
    );
    expect(restricted).toEqual([]);
  });
});
