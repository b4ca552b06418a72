import { z } from 'zod';
import { Permissions } from '../domain/roles';
import { procedure } from './define';

/** A file the caller opened lately, by its own audit trail, still within the caller's scope. */
export interface RecentFile {
  /** The audit record type: 'person' today; cases, tips and referrals add theirs in electron/home/recent-sources.ts. */
  recordType: string;
  recordId: string;
  /** The file's name as the list shows it (a person's full name, a case number). */
  title: string;
  /** A second line: a person's birth date, a case's state. */
  subtitle: string | null;
  /** When the caller last opened it. */
  at: string;
}

export const homeContract = {
  /** The caller's own recent reads (person.read …), newest first, those still in scope; no other account's. */
  'home.recent': procedure<RecentFile[]>()({
    input: z.object({ limit: z.number().int().min(1).max(50).default(8) }).strict(),
    access: [Permissions.personsRead, Permissions.tipsRead, Permissions.casesRead, Permissions.referralsRead],
    audit: null,
  }),
} as const;
