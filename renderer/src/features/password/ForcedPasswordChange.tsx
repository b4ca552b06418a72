import { LogoutOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useSignedInSession } from '../../app/session-context';
import { AuthLayout } from '../../components/AuthLayout';
import { useIdleLock } from '../shell/useIdleLock';
import { useLockShortcut } from '../shell/useLockShortcut';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * Shown instead of the app while the account still has a password set by an administrator: the host refuses
 * everything else until it is replaced.
 */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { updateSession, lock, preferences } = useSession();
  const { message } = App.useApp();
  // Walking away from this screen leaves a signed-in session too: it locks like the app does.
  const lockNow = useCallback(() => void lock('manual'), [lock]);
  const lockIdle = useCallback(() => void lock('idle'), [lock]);
  useLockShortcut(lockNow);
  useIdleLock(preferences.idleMinutes, lockIdle);
  return (
    <AuthLayout>
      <Card variant="borderless" style={{ boxShadow: '0 4px 24px rgba(13,37,70,0.08)' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('password.forcedTitle')}
        </Typography.Title>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 20 }}
          title={t('password.forcedIntro', { name: session.displayName })}
        />
        <ChangePasswordForm
          submitLabel={t('password.forcedSubmit')}
          onChanged={() => {
            void message.success(t('password.changed'));
            updateSession({ mustChangePassword: false });
          }}
        />
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Button type="link" icon={<LogoutOutlined />} onClick={lockNow}>
            {t('password.signOutInstead')}
          </Button>
        </div>
      </Card>
    </AuthLayout>
  );
}
