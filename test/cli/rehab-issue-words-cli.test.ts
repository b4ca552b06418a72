import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLI_LEADER_PW, hoso, initVault } from '../support/cli';
import { tempDir } from '../support/host';

/**
 * A rehab command refused by its schema (a step or a dossier item that is not on the list, a facility kind that
 * does not exist) says why in words, in Vietnamese and in English, with the code kept for scripts: the words
 * live in shared/i18n/rehab-labels.ts (rehabIssues), not only in the renderer's texts.
 */
describe('hoso referral / facility: schema codes in words', () => {
  it('prints the field, the translated reason and the code (vi and en), and never a bare code', () => {
    const dir = tempDir('hoso-cli-rehab-words-');
    const init = initVault(dir);
    expect(init.code, init.err).toBe(0);
    const run = (lang: 'vi' | 'en', args: string[], json: unknown) =>
      hoso(dir, ['--user', 'truongphong', '--password-stdin', ...args], `${CLI_LEADER_PW}\n${JSON.stringify(json)}`, {
        HOSO_LANG: lang,
      });
    const id = randomUUID();
    const cases = [
      {
        args: ['referral', 'advance', id],
        json: { to: 'straight_to_jail', on: '2026-09-03' },
        field: 'to',
        code: 'referral_state_invalid',
        vi: 'Bước chuyển không hợp lệ.',
        en: 'This step is not allowed.',
      },
      {
        args: ['referral', 'document', id],
        json: { item: 'passport', done: true },
        field: 'item',
        code: 'dossier_item_invalid',
        vi: 'Tài liệu không có trong danh mục hồ sơ.',
        en: 'This document is not on the dossier’s checklist.',
      },
      {
        args: ['facility', 'add'],
        json: { code: 'CS1', name: 'Cơ sở cai nghiện số 1', kind: 'spa', provinceCode: '08', capacity: 50 },
        field: 'kind',
        code: 'facility_kind_invalid',
        vi: 'Vui lòng chọn loại cơ sở.',
        en: 'Choose the kind of facility.',
      },
    ];
    for (const c of cases) {
      for (const lang of ['vi', 'en'] as const) {
        const r = run(lang, c.args, c.json);
        expect(r.code, r.err).toBe(1);
        expect(r.err).toContain(`${c.field}: ${c[lang]} (${c.code})`);
        // Every issue printed has its words before its code: no "field: some_code" left bare.
        expect(r.err).not.toMatch(/: [a-z_]+(, |\)\n|\)$)/);
      }
    }
    // Nothing was written: no facility exists.
    const list = hoso(
      dir,
      ['--user', 'truongphong', '--password-stdin', '--json', 'facility', 'list'],
      `${CLI_LEADER_PW}\n`,
    );
    expect(list.code, list.err).toBe(0);
    expect(JSON.parse(list.out)).toEqual([]);
  });
});
