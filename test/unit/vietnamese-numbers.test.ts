import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../renderer/src/i18n');
const FILES = ['vi.json', 'en.json', 'persons.vi.json', 'persons.en.json', 'workday.vi.json', 'workday.en.json'];
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;

/** Every string of a translation file, with its key. */
function strings(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

describe('numbers on screen', () => {
  it('are written with the Vietnamese separator: every count in the core and persons texts is formatted', () => {
    const raw = FILES.flatMap((f) =>
      strings(read(f))
        .filter(([, s]) => s.includes('{{count}}'))
        .map(([k]) => `${f}:${k}`),
    );
    expect(raw).toEqual([]);
  });

  it('2619 reads "2.619" in Vietnamese and "2,619" in English', async () => {
    const t = i18next.createInstance();
    await t.init({
      lng: 'vi',
      resources: { vi: { translation: read('persons.vi.json') }, en: { translation: read('persons.en.json') } },
      interpolation: { escapeValue: false },
    });
    expect(t.t('persons.due.all', { count: 2619 })).toBe('Tất cả (2.619)');
    expect(t.t('persons.list.count', { count: 73112 })).toBe('73.112 kết quả');
    expect(t.t('persons.list.count', { count: 73112, lng: 'en' })).toBe('73,112 results');
  });
});
