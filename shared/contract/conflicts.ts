import { z } from 'zod';
import { Permissions } from '../domain/roles';
import { audited, procedure } from './define';

const P = Permissions;

export interface ConflictVersion {
  /** The value as the record would hold it (JSON text for list fields). */
  value: unknown;
  at: string;
  workstationId: string | null;
  accountId: string | null;
  username: string | null;
  /** The workstation's name when it is a known peer (another station's edit), else null. */
  station: string | null;
}

/** Two concurrent edits of one field of one record, kept for a leader. */
export interface ConflictView {
  id: number;
  recordType: string;
  /** What names the record (a person's name, a case's number), where the reader may see it; else null. */
  title: string | null;
  tableName: string;
  recordId: string;
  field: string;
  /** The field holds a file (a photo, a scan) as a data URL: shown as one, chosen, never typed. */
  attachment: boolean;
  current: ConflictVersion;
  other: ConflictVersion;
}

/**
 * Open conflicts and their resolution. Listing is limited to records in the caller's scope and to fields
 * their view allows; resolving writes a new change that overwrites both versions, audited without values.
 */
export const conflictsContract = {
  'conflicts.list': procedure<ConflictView[]>()({
    input: z
      .object({
        recordId: z.string().uuid({ message: 'id_invalid' }).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    access: [P.conflictsResolve],
    audit: null,
  }),
  'conflicts.resolve': procedure<{ resolved: number; remaining: number }>()({
    input: z
      .object({
        conflictId: z.number().int().positive(),
        /** Keep the value in the record, take the other one, or type a new one. */
        choice: z.enum(['current', 'other', 'value']),
        value: z.string().max(2000).nullable().optional(),
        /**
         * The record and field the caller was shown: a conflict's number may be another's once the record's
         * conflicts were written again (another resolved), and a mismatch is refused (`conflict_changed`).
         */
        recordId: z.string().max(64).optional(),
        field: z.string().max(64).optional(),
      })
      .strict()
      .refine((r) => r.choice !== 'value' || r.value !== undefined, { message: 'required', path: ['value'] }),
    access: [P.conflictsResolve],
    audit: audited('conflict.resolve'),
  }),
} as const;
