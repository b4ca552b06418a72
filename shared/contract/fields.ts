import { z } from 'zod';
import { ROLE_LIST, UNIT_KIND_LIST } from '../domain/roles';

/** Shared field schemas: the forms and the host validate with the very same rules. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { message: 'username_format' });

export const PASSWORD_MIN = 10;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, { message: 'password_too_short' })
  .max(256, { message: 'password_too_long' });

export const displayNameSchema = z.string().trim().min(2, { message: 'required' }).max(120, { message: 'too_long' });
export const roleSchema = z.enum(ROLE_LIST as [string, ...string[]], { message: 'role_invalid' });
export const unitKindSchema = z.enum(UNIT_KIND_LIST as [string, ...string[]], { message: 'unit_kind_invalid' });
export const idSchema = z.string().uuid({ message: 'id_invalid' });
/**
 * Recovery keys are 8 groups of 4 base32 characters; spaces, dashes and case are forgiven, and so are the
 * digits 0, 1 and 8, which base32 never uses and which a person copying O, I and B by hand may write.
 */
export function normalizeRecoveryKey(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/0/g, 'O').replace(/1/g, 'I').replace(/8/g, 'B');
}

export const recoveryKeySchema = z
  .string()
  .transform(normalizeRecoveryKey)
  .pipe(z.string().regex(/^[A-Z2-7]{32}$/, { message: 'recovery_key_format' }));
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' });
