import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form, Input } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { usernameSchema } from '../../../../shared/contract';
import { ErrorCodes } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { useSession } from '../../app/session-context';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useRetryCountdown } from './useRetryCountdown';

const unlockFormSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, { message: 'required' }).max(256, { message: 'password_too_long' }),
});
type UnlockFormValues = z.input<typeof unlockFormSchema>;

/**
 * Account name and password. After a failure the password is cleared and the account name kept; after a lock the
 * account name of this app session is offered again (kept in memory only) and the cursor waits in the password.
 */
export function UnlockForm() {
  const { t } = useTranslation();
  const api = useApi();
  const { signedIn, lastUsername } = useSession();
  const { secondsLeft, startFrom } = useRetryCountdown();
  const { control, handleSubmit, setError, setValue, setFocus, formState } = useForm<UnlockFormValues>({
    resolver: zodResolver(unlockFormSchema),
    defaultValues: { username: lastUsername ?? '', password: '' },
  });

  const submit = handleSubmit(async (values) => {
    const r = await api.invoke('session.unlock', values);
    setValue('password', '');
    if (r.ok) {
      signedIn(r.value);
      return;
    }
    startFrom(r.error);
    // A throttled try is explained by the live countdown alone.
    if (r.error.code !== ErrorCodes.AUTH_THROTTLED) applyApiError(r.error, setError, ['username', 'password']);
    setFocus('password');
  });

  const waiting = secondsLeft > 0;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('unlock.title')}>
      <Form component={false} layout="vertical" requiredMark={false}>
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
        <Field control={control} name="username" label={t('fields.username')}>
          {(f) => (
            <Input {...f} size="large" prefix={<UserOutlined />} autoComplete="username" autoFocus={!lastUsername} />
          )}
        </Field>
        <Field control={control} name="password" label={t('fields.password')}>
          {(f) => (
            <Input.Password
              {...f}
              size="large"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              autoFocus={Boolean(lastUsername)}
            />
          )}
        </Field>
        <Button type="primary" htmlType="submit" size="large" block loading={formState.isSubmitting} disabled={waiting}>
          {waiting
            ? t('unlock.retryIn', { count: secondsLeft })
            : formState.isSubmitting
              ? t('unlock.checking')
              : t('unlock.submit')}
        </Button>
      </Form>
    </form>
  );
}
