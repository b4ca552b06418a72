import { Input } from 'antd';
import type { Control, FieldValues, Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from './Field';

/** A new password and its confirmation, as every form that sets a password shows them. */
export function PasswordPair<T extends FieldValues>(props: {
  control: Control<T>;
  name: Path<T>;
  confirmName: Path<T>;
  label?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        control={props.control}
        name={props.name}
        label={props.label ?? t('fields.newPassword')}
        required
        hint={props.hint ?? t('fields.passwordHint')}
      >
        {(f) => <Input.Password {...f} autoComplete="new-password" />}
      </Field>
      <Field control={props.control} name={props.confirmName} label={t('fields.confirmPassword')} required>
        {(f) => <Input.Password {...f} autoComplete="new-password" />}
      </Field>
    </>
  );
}
