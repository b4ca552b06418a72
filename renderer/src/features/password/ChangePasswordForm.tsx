import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Form, Input } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { passwordSchema } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';

const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { message: 'required' }).max(256, { message: 'password_too_long' }),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'password_mismatch' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'password_same' });
type ChangePasswordValues = z.input<typeof changePasswordSchema>;

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** Changes the signed-in account's own password; the fields are emptied once it is done. */
export function ChangePasswordForm({ onChanged, submitLabel }: { onChanged: () => void; submitLabel: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { control, handleSubmit, setError, reset, formState } = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });

  const submit = handleSubmit(async (values) => {
    const r = await api.invoke('session.changePassword', {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!r.ok) {
      applyApiError(r.error, setError, FIELDS);
      return;
    }
    reset();
    onChanged();
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('password.formLabel')}>
      <Form component={false} layout="vertical">
        <FormErrorAlert errors={formState.errors} />
        <Field control={control} name="currentPassword" label={t('fields.currentPassword')} required>
          {(f) => <Input.Password {...f} autoComplete="current-password" />}
        </Field>
        <Field
          control={control}
          name="newPassword"
          label={t('fields.newPassword')}
          required
          hint={t('fields.passwordHint')}
        >
          {(f) => <Input.Password {...f} autoComplete="new-password" />}
        </Field>
        <Field control={control} name="confirmPassword" label={t('fields.confirmPassword')} required>
          {(f) => <Input.Password {...f} autoComplete="new-password" />}
        </Field>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {submitLabel}
        </Button>
      </Form>
    </form>
  );
}
