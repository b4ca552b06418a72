import { z } from 'zod';
import { accountCreateSchema, contract } from '../../../../shared/contract';

const create = accountCreateSchema.shape;

/** Two password fields that must agree; the contract's password rule applies to the first. */
function withConfirmation<T extends z.ZodRawShape>(shape: T, passwordField: keyof T & string) {
  return z
    .object({ ...shape, confirmPassword: z.string() })
    .refine((v) => (v as Record<string, unknown>)[passwordField] === (v as Record<string, unknown>).confirmPassword, {
      path: ['confirmPassword'],
      message: 'password_mismatch',
    });
}

/** Creating an account: the contract's fields; the unit is chosen from a list, or none ('' in the form). */
export const accountCreateFormSchema = withConfirmation(
  {
    username: create.username,
    displayName: create.displayName,
    role: create.role,
    unitId: z.string(),
    password: create.password,
  },
  'password',
);
export type AccountCreateFormValues = z.input<typeof accountCreateFormSchema>;

const resetShape = contract['accounts.resetPassword'].input.shape;
/** A new password set by an administrator (reset, or re-enabling a disabled account). */
export const newPasswordFormSchema = withConfirmation({ newPassword: resetShape.newPassword }, 'newPassword');
export type NewPasswordFormValues = z.input<typeof newPasswordFormSchema>;

const updateShape = contract['accounts.update'].input.shape;
export const accountEditFormSchema = z.object({
  displayName: updateShape.displayName.unwrap(),
  role: create.role,
  unitId: z.string(),
});
export type AccountEditFormValues = z.input<typeof accountEditFormSchema>;
