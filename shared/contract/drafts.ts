import { z } from 'zod';
import { Permissions } from '../domain/roles';
import { procedure } from './define';

const P = Permissions;

/**
 * A form key names one form of one account: `persons.create`, `persons.edit:<id>`, `rehab.referral:<id>`…
 * Letters, digits and `._:-` only, so that it can never carry a name or a number typed by the user.
 */
export const draftFormKeySchema = z.string().regex(/^[a-z][A-Za-z0-9._:-]{0,119}$/, { message: 'draft_key_format' });

/** The most a draft may hold (JSON text): forms, not photos. */
export const DRAFT_MAX_CHARS = 200_000;
/** The most drafts an account keeps; saving one more forgets the oldest. */
export const DRAFTS_PER_ACCOUNT = 20;

export interface DraftView {
  formKey: string;
  /** JSON text written by the renderer; the host never reads inside it. */
  payload: string;
  /** JSON text naming the screen of the form, or null. */
  screen: string | null;
  updatedAt: string;
}

export type DraftSummary = Omit<DraftView, 'payload'>;

/**
 * Drafts: what the signed-in account typed into a form and has not saved, kept inside the encrypted database so
 * that a lock (Ctrl+L, idle, suspend) does not throw it away while the renderer keeps nothing.
 *
 * Access: any signed-in account, and only ever its own drafts: every handler reads and writes rows of the
 * session's account id, never one named in the input, so another account cannot read or discard them.
 * Audit: none. A draft is the caller's own unsaved typing, not a record: saving happens as the user types
 * (debounced) and an entry per keystroke would bury the log; reading back one's own typing reads no record.
 * Saving the record itself is audited by its own procedure, which the form calls before discarding its draft.
 */
export const draftsContract = {
  'drafts.save': procedure<{ updatedAt: string }>()({
    input: z
      .object({
        formKey: draftFormKeySchema,
        payload: z.string().min(2).max(DRAFT_MAX_CHARS, { message: 'too_long' }),
        screen: z.string().max(2000, { message: 'too_long' }).nullable().default(null),
      })
      .strict(),
    access: [P.session],
    audit: null,
  }),
  'drafts.get': procedure<DraftView | null>()({
    input: z.object({ formKey: draftFormKeySchema }).strict(),
    access: [P.session],
    audit: null,
  }),
  'drafts.discard': procedure<{ discarded: boolean }>()({
    input: z.object({ formKey: draftFormKeySchema }).strict(),
    access: [P.session],
    audit: null,
  }),
  /** The caller's drafts, newest first, without their payloads. */
  'drafts.list': procedure<DraftSummary[]>()({
    input: z.object({}).strict(),
    access: [P.session],
    audit: null,
  }),
} as const;
