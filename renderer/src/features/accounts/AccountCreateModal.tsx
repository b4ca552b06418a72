import { zodResolver } from '@hookform/resolvers/zod';
import { Col, Form, Input, Modal, Row } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AccountView, UnitView } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain/roles';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PasswordPair } from '../../components/PasswordPair';
import { RoleSelect } from '../../components/RoleSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { accountCreateFormSchema, type AccountCreateFormValues } from './account-forms';

const FIELDS = ['username', 'displayName', 'role', 'unitId', 'password', 'confirmPassword'] as const;
const DEFAULTS: AccountCreateFormValues = {
  username: '',
  displayName: '',
  role: 'investigator',
  unitId: '',
  password: '',
  confirmPassword: '',
};

/**
 * A new account with a temporary password, which its owner must replace at first sign-in. When saving fails,
 * everything typed stays in place, with the host's objections on the fields they concern.
 */
export function AccountCreateModal(props: {
  open: boolean;
  units: readonly UnitView[];
  onClose: () => void;
  onCreated: (account: AccountView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { control, handleSubmit, setError, reset, formState } = useForm<AccountCreateFormValues>({
    resolver: zodResolver(accountCreateFormSchema),
    defaultValues: DEFAULTS,
  });

  const submit = handleSubmit(async (v) => {
    const r = await api.invoke('accounts.create', {
      username: v.username,
      displayName: v.displayName,
      role: v.role as Role,
      unitId: v.unitId || null,
      password: v.password,
    });
    if (!r.ok) {
      applyApiError(r.error, setError, FIELDS);
      return;
    }
    reset(DEFAULTS);
    props.onCreated(r.value);
  });

  const close = () => {
    reset(DEFAULTS);
    props.onClose();
  };

  return (
    <Modal
      open={props.open}
      title={t('accounts.create.title')}
      okText={t('accounts.create.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={close}
      confirmLoading={formState.isSubmitting}
      width={640}
      destroyOnHidden
      maskClosable={false}
    >
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('accounts.create.title')}>
        <Form component={false} layout="vertical">
          <FormErrorAlert errors={formState.errors} />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Field
                control={control}
                name="username"
                label={t('fields.username')}
                required
                hint={t('fields.usernameHint')}
              >
                {(f) => <Input {...f} autoComplete="off" />}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field control={control} name="displayName" label={t('fields.displayName')} required>
                {(f) => <Input {...f} autoComplete="off" />}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field control={control} name="role" label={t('fields.role')} required>
                {(f) => <RoleSelect {...f} />}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field control={control} name="unitId" label={t('fields.unit')}>
                {(f) => <UnitSelect {...f} units={props.units} />}
              </Field>
            </Col>
          </Row>
          <PasswordPair
            control={control}
            name="password"
            confirmName="confirmPassword"
            label={t('accounts.create.tempPassword')}
            hint={t('accounts.create.tempPasswordHint')}
          />
          {/* Enter in a field submits; the modal's own button does the same. */}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </form>
    </Modal>
  );
}
