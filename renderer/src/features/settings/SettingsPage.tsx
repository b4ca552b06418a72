import { App, Card, Col, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permissions } from '../../../../shared/domain/roles';
import { useProcedure } from '../../api/useProcedure';
import { useSignedInSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { ChangePasswordForm } from '../password/ChangePasswordForm';
import { IdleMaxForm } from './IdleMaxForm';
import { PreferencesForm } from './PreferencesForm';

/**
 * The workstation's preferences (language, idle lock, within the administrator's maximum), the maximum itself for
 * an administrator, and the signed-in account's own password.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSignedInSession();
  const idleMax = useProcedure('settings.idleMax', {});
  const maxMinutes = idleMax.data?.maxMinutes ?? null;
  const mayManage = session.permissions.includes(Permissions.vaultManage);
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={12}>
          <Card title={t('settings.preferences')}>
            {maxMinutes === null ? (
              <Skeleton active paragraph={{ rows: 4 }} />
            ) : (
              // Keyed by the maximum: a new maximum redraws the form with its new limit.
              <PreferencesForm key={maxMinutes} maxMinutes={maxMinutes} />
            )}
          </Card>
          {mayManage && maxMinutes !== null ? (
            <Card title={t('settings.idleMaxCard')} style={{ marginTop: 20 }}>
              <IdleMaxForm maxMinutes={maxMinutes} onSaved={(max) => idleMax.replace({ maxMinutes: max })} />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('settings.ownPassword')}>
            <Typography.Paragraph type="secondary">
              {t('settings.ownPasswordIntro', { username: session.username })}
            </Typography.Paragraph>
            <ChangePasswordForm
              submitLabel={t('password.submit')}
              onChanged={() => void message.success(t('password.changed'))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
