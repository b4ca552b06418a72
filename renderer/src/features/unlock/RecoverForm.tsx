import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form, Input } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { passwordSchema, recoveryKeySchema, usernameSchema } from '../../../../shared/contract';
import { ErrorCodes } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { useSession } from '../../app/session-context';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useRetryCountdown } from './useRetryCountdown';

const recoverFormSchema = z
  .object({
    recoveryKey: recoveryKeySchema,
    username: z
      .string()
      .trim()
      .refine((s) => s === '' || usernameSchema.safeParse(s).success, { message: 'username_format' }),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'password_mismatch' });
type RecoverFormValues = z.input<typeof recoverFormSchema>;

const FIELDS = ['recoveryKey', 'username', 'newPassword', 'confirmPassword'] as const;

/** Sign in as an administrator with the recovery key, setting that administrator's new password. */
export function RecoverForm() {
  const { t } = useTranslation();
  const api = useApi();
  const { signedIn } = useSession();
  const { secondsLeft, startFrom } = useRetryCountdown();
  const { control, handleSubmit, setError, reset, formState } = useForm<RecoverFormValues>({
    resolver: zodResolver(recoverFormSchema),
    defaultValues: { recoveryKey: '', username: '', newPassword: '', confirmPassword: '' },
  });

  const submit = handleSubmit(async (values) => {
    const r = await api.invoke('session.recover', {
      recoveryKey: values.recoveryKey,
      newPassword: values.newPassword,
      ...(values.username ? { username: values.username } : {}),
    });
    if (r.ok) {
      reset();
      signedIn(r.value);
      return;
    }
    startFrom(r.error);
    if (r.error.code !== ErrorCodes.AUTH_THROTTLED) applyApiError(r.error, setError, FIELDS);
  });

  const waiting = secondsLeft > 0;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('recover.title')}>
      <Form component={false} layout="vertical">
        <FormErrorAlert errors={formState.errors} />
        {waiting ? (
          <Alert
            type="warning"
            showIcon
            role="status"
            style={{ marginBottom: 16 }}
            title={t('unlock.throttled', { count: secondsLeft })}
          />
        ) : null}
        <Field control={control} name="recoveryKey" label={t('fields.recoveryKey')} required>
          {(f) => (
            <Input
              {...f}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('recover.keyPlaceholder')}
              style={{ fontFamily: 'monospace' }}
            />
          )}
        </Field>
        <Field control={control} name="username" label={t('recover.adminUsername')} extra={t('recover.adminHint')}>
          {(f) => <Input {...f} autoComplete="username" />}
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
        <Button type="primary" htmlType="submit" size="large" block loading={formState.isSubmitting} disabled={waiting}>
          {waiting ? t('unlock.retryIn', { count: secondsLeft }) : t('recover.submit')}
        </Button>
      </Form>
    </form>
  );
}
