import { ArrowLeftOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockReason } from '../../app/session-context';
import { AuthLayout } from '../../components/AuthLayout';
import { RecoverForm } from './RecoverForm';
import { UnlockForm } from './UnlockForm';

/** The screen of every morning, and of every return to a locked workstation. */
export function UnlockScreen({ reason }: { reason: LockReason | null }) {
  const { t } = useTranslation();
  const [recovering, setRecovering] = useState(false);
  return (
    <AuthLayout>
      <Card variant="borderless" style={{ boxShadow: '0 4px 24px rgba(13,37,70,0.08)' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {recovering ? t('recover.title') : t('unlock.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {recovering ? t('recover.subtitle') : t('unlock.subtitle')}
        </Typography.Paragraph>
        {reason && !recovering ? (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`lockReasons.${reason}`)} />
        ) : null}
        {recovering ? <RecoverForm /> : <UnlockForm />}
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          {recovering ? (
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => setRecovering(false)}>
              {t('recover.back')}
            </Button>
          ) : (
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                {t('unlock.forgotHint')}
              </Typography.Paragraph>
              <Button
                type="link"
                icon={<KeyOutlined />}
                onClick={() => setRecovering(true)}
                style={{ whiteSpace: 'normal', height: 'auto' }}
              >
                {t('unlock.recoverLink')}
              </Button>
            </>
          )}
        </div>
      </Card>
    </AuthLayout>
  );
}
