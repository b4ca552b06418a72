import { KeyOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { RecoveryRotated } from '../../../../shared/contract';
import { Permissions } from '../../../../shared/domain/roles';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { useSignedInSession } from '../../app/session-context';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { RecoverySheetStep } from '../setup/RecoverySheetStep';

const rotateSchema = z.object({
  password: z.string().min(1, { message: 'required' }).max(256, { message: 'password_too_long' }),
});
type RotateValues = z.input<typeof rotateSchema>;

/**
 * Issues a new recovery key (`vault.rotateRecovery`): the old key stops working at once, and the new one is shown
 * once, on the same printable sheet as at setup. For a lost sheet, or when someone who saw the key leaves.
 */
export function RecoveryKeyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const session = useSignedInSession();
  const [issued, setIssued] = useState<(RecoveryRotated & { at: Date }) | null>(null);
  const { control, handleSubmit, setError, reset, formState } = useForm<RotateValues>({
    resolver: zodResolver(rotateSchema),
    defaultValues: { password: '' },
  });

  if (!session.permissions.includes(Permissions.vaultManage)) return null;

  const submit = handleSubmit(async (v) => {
    const r = await api.invoke('vault.rotateRecovery', { password: v.password });
    if (!r.ok) {
      applyApiError(r.error, setError, ['password']);
      return;
    }
    reset();
    setIssued({ ...r.value, at: new Date() });
  });

  return (
    <Card title={t('recoveryRotate.title')} style={{ maxWidth: 760, marginTop: 20 }}>
      {issued ? (
        <RecoverySheetStep
          recoveryKey={issued.recoveryKey}
          workstationId={issued.workstationId}
          adminUsername={session.username}
          createdAt={issued.at}
          reissued
          continueLabel={t('recoveryRotate.done')}
          onConfirmed={() => {
            // The key leaves the renderer once its holder says it is kept.
            setIssued(null);
            void message.success(t('recoveryRotate.kept'));
          }}
        />
      ) : (
        <>
          <Typography.Paragraph>{t('recoveryRotate.intro')}</Typography.Paragraph>
          <Alert type="warning" showIcon style={{ marginBottom: 20 }} title={t('recoveryRotate.warning')} />
          <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('recoveryRotate.title')}>
            <Form component={false} layout="vertical">
              <FormErrorAlert errors={formState.errors} />
              <Field control={control} name="password" label={t('recoveryRotate.password')} required>
                {(f) => <Input.Password {...f} autoComplete="current-password" />}
              </Field>
              <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={formState.isSubmitting}>
                {t('recoveryRotate.submit')}
              </Button>
            </Form>
          </form>
        </>
      )}
    </Card>
  );
}
