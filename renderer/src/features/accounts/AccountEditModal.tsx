import { zodResolver } from '@hookform/resolvers/zod';
import { Form, Input, Modal } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AccountView, UnitView } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain/roles';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { RoleSelect } from '../../components/RoleSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { accountEditFormSchema, type AccountEditFormValues } from './account-forms';

/** Changes an account's display name, role or unit (its name and password are changed elsewhere). */
export function AccountEditModal(props: {
  account: AccountView;
  units: readonly UnitView[];
  onClose: () => void;
  onSaved: (account: AccountView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { control, handleSubmit, setError, formState } = useForm<AccountEditFormValues>({
    resolver: zodResolver(accountEditFormSchema),
    defaultValues: {
      displayName: props.account.displayName,
      role: props.account.role,
      unitId: props.account.unitId ?? '',
    },
  });

  const submit = handleSubmit(async (v) => {
    const r = await api.invoke('accounts.update', {
      accountId: props.account.id,
      displayName: v.displayName,
      role: v.role as Role,
      unitId: v.unitId || null,
    });
    if (!r.ok) {
      applyApiError(r.error, setError, ['displayName', 'role', 'unitId']);
      return;
    }
    props.onSaved(r.value);
  });

  const title = t('accounts.edit.title', { name: props.account.username });
  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={props.onClose}
      confirmLoading={formState.isSubmitting}
      destroyOnHidden
      maskClosable={false}
    >
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
        <Form component={false} layout="vertical">
          <FormErrorAlert errors={formState.errors} />
          <Field control={control} name="displayName" label={t('fields.displayName')} required>
            {(f) => <Input {...f} autoComplete="off" />}
          </Field>
          <Field control={control} name="role" label={t('fields.role')} required>
            {(f) => <RoleSelect {...f} />}
          </Field>
          <Field control={control} name="unitId" label={t('fields.unit')}>
            {(f) => <UnitSelect {...f} units={props.units} />}
          </Field>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </form>
    </Modal>
  );
}
