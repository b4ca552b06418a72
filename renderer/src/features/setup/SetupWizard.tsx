import { Card, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultCreated } from '../../../../shared/contract';
import { useSession } from '../../app/session-context';
import { AuthLayout } from '../../components/AuthLayout';
import { RecoverySheetStep } from './RecoverySheetStep';
import { SetupAccountForm } from './SetupAccountForm';

/** Only what the recovery step needs; the key is dropped as soon as the user confirms. */
interface PendingRecovery {
  recoveryKey: string;
  workstationId: string;
  adminUsername: string;
  createdAt: Date;
  session: VaultCreated['session'];
}

/** First run: create the vault and its first administrator, then hand over the recovery sheet. */
export function SetupWizard() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [pending, setPending] = useState<PendingRecovery | null>(null);

  const confirmed = () => {
    if (!pending) return;
    const { session } = pending;
    setPending(null);
    signedIn(session);
  };

  return (
    <AuthLayout wide>
      <Card variant="borderless" style={{ boxShadow: '0 4px 24px rgba(13,37,70,0.08)' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('setup.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.subtitle')}</Typography.Paragraph>
        <Steps
          current={pending ? 1 : 0}
          size="small"
          style={{ margin: '20px 0 28px' }}
          items={[
            { title: t('setup.steps.account') },
            { title: t('setup.steps.recovery') },
            { title: t('setup.steps.done') },
          ]}
        />
        {pending ? (
          <RecoverySheetStep
            recoveryKey={pending.recoveryKey}
            workstationId={pending.workstationId}
            adminUsername={pending.adminUsername}
            createdAt={pending.createdAt}
            onConfirmed={confirmed}
          />
        ) : (
          <SetupAccountForm
            onCreated={(created) =>
              setPending({
                recoveryKey: created.recoveryKey,
                workstationId: created.workstationId,
                adminUsername: created.session.username,
                createdAt: new Date(),
                session: created.session,
              })
            }
          />
        )}
      </Card>
    </AuthLayout>
  );
}
