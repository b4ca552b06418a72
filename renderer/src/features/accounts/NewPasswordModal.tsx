import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Form, Modal } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PasswordPair } from '../../components/PasswordPair';
import { newPasswordFormSchema, type NewPasswordFormValues } from './account-forms';

const DEFAULTS: NewPasswordFormValues = { newPassword: '', confirmPassword: '' };

/**
 * Sets a temporary password for someone else's account: a reset, or re-enabling a disabled account (which
 * needs a new key slot, hence a password). Either way its owner must replace it at the next sign-in.
 */
export function NewPasswordModal(props: {
  account: AccountView;
  purpose: 'reset' | 'enable';
  onClose: () => void;
  onDone: (account: AccountView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { control, handleSubmit, setError, reset, formState } = useForm<NewPasswordFormValues>({
    resolver: zodResolver(newPasswordFormSchema),
    defaultValues: DEFAULTS,
  });

  const submit = handleSubmit(async (v) => {
    const input = { accountId: props.account.id, newPassword: v.newPassword };
    const r = await api.invoke(props.purpose === 'reset' ? 'accounts.resetPassword' : 'accounts.enable', input);
    if (!r.ok) {
      applyApiError(r.error, setError, ['newPassword', 'confirmPassword']);
      return;
    }
    reset(DEFAULTS);
    props.onDone(r.value);
  });

  const title = t(`accounts.${props.purpose}.title`, { name: props.account.displayName });
  return (
    <Modal
      open
      title={title}
      okText={t(`accounts.${props.purpose}.submit`)}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={props.onClose}
      confirmLoading={formState.isSubmitting}
      destroyOnHidden
      maskClosable={false}
    >
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
        <Form component={false} layout="vertical">
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`accounts.${props.purpose}.intro`)} />
          <FormErrorAlert errors={formState.errors} />
          <PasswordPair control={control} name="newPassword" confirmName="confirmPassword" />
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </form>
    </Modal>
  );
}
