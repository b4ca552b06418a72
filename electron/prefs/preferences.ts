import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Preferences } from '../../shared/contract/types';
import { writeFileAtomic } from '../vault/vault-file';

/**
 * Non-secret preferences (language, idle timeout). Under Electron they live in electron-store, owned by the
 * main process; the CLI, the tests and the trial server keep the same shape in a JSON file.
 */
export interface PreferencesStore {
  load(): Promise<Preferences>;
  save(p: Preferences): Promise<void>;
}

export const DEFAULT_PREFERENCES: Preferences = Object.freeze({ language: 'vi', idleMinutes: 10 }) as Preferences;

export const preferencesSchema = z.object({
  language: z.enum(['vi', 'en']).catch('vi'),
  idleMinutes: z.number().int().min(1).max(120).catch(10),
});

/** Whatever is on disk, a valid Preferences comes out: a damaged file falls back to the defaults. */
export function sanitizePreferences(value: unknown): Preferences {
  const r = preferencesSchema.safeParse(value ?? {});
  return r.success ? r.data : { ...DEFAULT_PREFERENCES };
}

export class JsonPreferencesStore implements PreferencesStore {
  constructor(private readonly file: string) {}

  async load(): Promise<Preferences> {
    try {
      return sanitizePreferences(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return { ...DEFAULT_PREFERENCES };
    }
  }

  async save(p: Preferences): Promise<void> {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileAtomic(this.file, JSON.stringify(sanitizePreferences(p), null, 2));
  }
}

export class MemoryPreferencesStore implements PreferencesStore {
  private p: Preferences = { ...DEFAULT_PREFERENCES };
  async load() {
    return { ...this.p };
  }
  async save(p: Preferences) {
    this.p = sanitizePreferences(p);
  }
}
