import { App, Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { ChangePasswordForm } from '../password/ChangePasswordForm';
import { PreferencesForm } from './PreferencesForm';

/** The workstation's preferences (language, idle lock) and the signed-in account's own password. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSignedInSession();
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={12}>
          <Card title={t('settings.preferences')}>
            <PreferencesForm />
          </Card>
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
