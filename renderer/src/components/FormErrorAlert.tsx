import { Alert } from 'antd';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { ErrorCode } from '../../../shared/domain/errors';
import { useErrorText } from '../api/api-errors';

/** The form-level API error (set by applyApiError), translated by its code. */
export function FormErrorAlert<T extends FieldValues>({ errors }: { errors: FieldErrors<T> }) {
  const errorText = useErrorText();
  const code = errors.root?.server?.message as ErrorCode | undefined;
  if (!code) return null;
  return <Alert type="error" showIcon title={errorText({ code })} style={{ marginBottom: 16 }} role="alert" />;
}
