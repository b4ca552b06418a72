import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from '../../../shared/domain/errors';
import { errorMessages } from '../../../shared/i18n/errors';

/** The text of an API error in the user's language, by its stable code (never the English developer message). */
export function useErrorText(): (error: Pick<ApiError, 'code'>) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (error) => {
      const language = i18n.language === 'en' ? 'en' : 'vi';
      return errorMessages[language][error.code] ?? errorMessages[language].INTERNAL;
    },
    [i18n.language],
  );
}

/** The form-level error slot; its message is the error code, translated when shown. */
export const SERVER_ERROR = 'root.server' as const;

/**
 * Puts an API error onto a react-hook-form form: each field issue on its field (its code is a translation
 * key under `validation.`), and the error's code on the form itself. The typed values stay as they were.
 */
export function applyApiError<T extends FieldValues>(
  error: ApiError,
  setError: UseFormSetError<T>,
  fieldNames: readonly Path<T>[],
): void {
  for (const issue of error.issues ?? []) {
    const name = fieldNames.find((f) => f === issue.path);
    if (name) setError(name, { type: 'server', message: issue.code });
  }
  setError(SERVER_ERROR, { type: 'server', message: error.code });
}
