import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from '../../../../shared/domain/errors';
import { applyApiError } from '../../api/api-errors';

/** The slot for a field issue the form has no field for (the person, the referral's state): shown on top. */
export const ISSUE_SLOT = 'root.issue' as const;

/**
 * The host's refusal on a rehab form: each issue on its field, the error's code on top, and an issue whose
 * field the form does not show (a person out of scope, a step not allowed now) on top in words too.
 */
export function applyRehabError<T extends FieldValues>(
  error: ApiError,
  setError: UseFormSetError<T>,
  fieldNames: readonly Path<T>[],
): void {
  applyApiError(error, setError, fieldNames);
  const other = (error.issues ?? []).find((i) => !fieldNames.some((f) => f === i.path));
  if (other) setError(ISSUE_SLOT, { type: 'server', message: other.code });
}
